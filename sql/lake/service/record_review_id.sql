-- The review sql/lake/service/record_review.sql just inserted (writes are serialised: the largest id).
SELECT max(review_id) FROM reviews
