-- One review by its id, as the audit trail lists it (sql/service/api_reviews.sql): what
-- POST /figures/{id}/review answers with, read back in the write that recorded it.
SELECT review_id, figure_key AS figure_id, action, metric, value, low, high, place_code, event_date_start,
       event_date_end, note, reviewer, created_at, version
FROM reviews
WHERE review_id = $review_id
