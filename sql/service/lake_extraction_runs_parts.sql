-- Months (of their start) of the extraction runs started or finished at or after $since (runs are
-- not versioned: they finish by update); every month when $since is NULL.
SELECT DISTINCT strftime(started_at, '%Y-%m') AS part FROM extraction_runs
WHERE CAST($since AS VARCHAR) IS NULL
   OR started_at >= CAST($since AS TIMESTAMPTZ) - INTERVAL 1 MINUTE
   OR finished_at >= CAST($since AS TIMESTAMPTZ) - INTERVAL 1 MINUTE
