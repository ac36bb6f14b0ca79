-- Months of the dataset versions in ($old, $new]; every month when $old is NULL.
SELECT DISTINCT strftime(created_at, '%Y-%m') AS part FROM dataset_versions
WHERE CAST($old AS INTEGER) IS NULL OR (version > $old AND version <= $new)
