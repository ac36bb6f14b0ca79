-- The rows series are computed from: series_input($version) (sql/views.sql, the one definition of
-- a series: days, which figures count, incidents), optionally of one $metric. The service keeps this
-- frame in memory for the current version (sorted by place_path) and aggregates a slice of it with
-- polars (service/query/series.py).
SELECT * FROM series_input(CAST($version AS INTEGER))
WHERE CAST($metric AS VARCHAR) IS NULL OR metric = $metric
