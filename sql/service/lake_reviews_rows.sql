-- The reviews of one month (lake_reviews_parts.sql).
SELECT * FROM reviews WHERE strftime(created_at, '%Y-%m') = $part ORDER BY review_id
