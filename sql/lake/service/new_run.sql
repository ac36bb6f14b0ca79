-- sql/service/new_run.sql on a DuckLake (no RETURNING there): the id is read back with
-- sql/lake/service/new_run_id.sql in the same transaction, which lake_head serialises.
INSERT INTO extraction_runs (run_id, extractor_version, kind, started_at, origin)
SELECT coalesce(max(run_id), 0) + 1, ?, ?, now(), ? FROM extraction_runs
