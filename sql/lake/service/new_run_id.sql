-- The run sql/lake/service/new_run.sql just inserted (writes are serialised: it is the largest id).
SELECT max(run_id) FROM extraction_runs
