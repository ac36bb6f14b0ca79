-- One place by code (exact), for resolving place filters to their path.
SELECT code, name, level, country, admin1, admin1_pcode, parent_code, path, lat, lon, aliases
FROM places
WHERE code = $code
