-- Close an extraction run with its counts. Parameters: articles, figures, run_id.
UPDATE extraction_runs
SET finished_at = now(), articles = articles + ?, figures = figures + ?
WHERE run_id = ?
