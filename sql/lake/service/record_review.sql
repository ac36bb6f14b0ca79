-- sql/service/record_review.sql on a DuckLake (no RETURNING there): the id is read back with
-- sql/lake/service/record_review_id.sql in the same transaction, which lake_head serialises.
INSERT INTO reviews
SELECT coalesce(max(review_id), 0) + 1, $figure_key, $action, $metric, $value, $low, $high, $place_code,
       CAST($event_date_start AS DATE), CAST($event_date_end AS DATE), $note, $reviewer, now(), $version
FROM reviews
