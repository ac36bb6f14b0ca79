-- The extraction runs started in one month (lake_extraction_runs_parts.sql).
SELECT * FROM extraction_runs WHERE strftime(started_at, '%Y-%m') = $part ORDER BY run_id
