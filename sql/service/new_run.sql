-- Start an extraction run; returns its id. Parameters: extractor_version, kind, origin.
INSERT INTO extraction_runs (run_id, extractor_version, kind, started_at, origin)
SELECT coalesce(max(run_id), 0) + 1, ?, ?, now(), ? FROM extraction_runs
RETURNING run_id
