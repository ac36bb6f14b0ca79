-- A dataset version (the current one when $version is NULL), when it was committed (UTC), and
-- the current version, for chart notes, pins and citations.
WITH v AS (SELECT coalesce(CAST($version AS INTEGER), current_version()) AS version)
SELECT
    v.version,
    timezone('UTC', d.created_at) AS created_at_utc,
    current_version()             AS current_version
FROM v
LEFT JOIN dataset_versions AS d ON d.version = v.version;
