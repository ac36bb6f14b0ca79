-- When dataset version $version was written (NULL for none), and the time now: the published
-- Parquet's manifest records both (service/store/lake.py).
SELECT (SELECT created_at::VARCHAR FROM dataset_versions WHERE version = $version), now()::VARCHAR
