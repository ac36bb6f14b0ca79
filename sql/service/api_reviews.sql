-- The audit trail of figure $id, oldest first.
SELECT review_id, figure_key AS figure_id, action, metric, value, low, high, place_code, event_date_start,
       event_date_end, note, reviewer, created_at, version
FROM reviews
WHERE figure_key = $id
ORDER BY review_id
