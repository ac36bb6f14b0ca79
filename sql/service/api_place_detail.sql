-- One place ($code) with its parent's name.
SELECT p.code, p.name, p.level, p.country, p.admin1, p.admin1_pcode, p.parent_code, pp.name AS parent_name,
       p.path, p.lat, p.lon, coalesce(p.aliases, []) AS aliases
FROM places AS p
LEFT JOIN places AS pp ON pp.code = p.parent_code
WHERE p.code = $code
