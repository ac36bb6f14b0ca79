-- Record one review of figure $figure_key at dataset version $version (reviews are never
-- changed or deleted: the latest one per figure is in force, the rest are the audit trail).
INSERT INTO reviews
SELECT coalesce(max(review_id), 0) + 1, $figure_key, $action, $metric, $value, $low, $high, $place_code,
       CAST($event_date_start AS DATE), CAST($event_date_end AS DATE), $note, $reviewer, now(), $version
FROM reviews
RETURNING review_id
