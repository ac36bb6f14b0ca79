-- The dataset versions of one month (lake_dataset_versions_parts.sql).
SELECT * FROM dataset_versions WHERE strftime(created_at, '%Y-%m') = $part ORDER BY version
