-- DuckDB's own views (duckdb_databases, duckdb_logs, pg_settings, …): a query that names one
-- calls whatever its definition calls, so the sandbox checks the definitions too.
SELECT lower(view_name) AS name, sql
FROM duckdb_views()
WHERE internal
