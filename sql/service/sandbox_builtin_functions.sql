-- Every function built into this DuckDB (and its statically linked extensions), by kind, on a
-- fresh instance: the sandbox's allow-list is checked against these names.
SELECT DISTINCT lower(function_name) AS name, function_type AS kind
FROM duckdb_functions()
WHERE database_name = 'system'
