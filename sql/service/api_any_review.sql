-- Whether any review exists at dataset version $version.
SELECT 1 FROM reviews WHERE version <= $version LIMIT 1
