-- The current dataset version (0 when empty).
SELECT current_version() AS version
