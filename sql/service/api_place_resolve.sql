-- A place filter's code to its places row: the code itself (any case), else the admin1 unit an
-- ISO 3166-2 code names. Myanmar's states are keyed by MIMU p-code (MM-01 is MMR005) and keep
-- their ISO code in `admin1`; of several units sharing one (Bago East and West under MM-02) the
-- shallowest wins, which is the ISO unit itself.
SELECT code, name, level, country, admin1, admin1_pcode, parent_code, path, lat, lon, aliases
FROM places
WHERE code = $code OR code = upper($code) OR (level = 'admin1' AND admin1 = upper($code))
ORDER BY code = $code DESC, code = upper($code) DESC, len(path), code
LIMIT 1
