-- The last dataset version committed before $at (0 when none): "updated since a time" becomes
-- "updated after this version".
SELECT coalesce(max(version), 0) FROM dataset_versions WHERE created_at < CAST($at AS TIMESTAMPTZ)
