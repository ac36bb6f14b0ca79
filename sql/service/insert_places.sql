-- Load the gazetteer (registered as incoming_places) into places.
INSERT INTO places
SELECT code, name, level, country, admin1, admin1_pcode, parent_code, path, lat, lon, aliases
FROM incoming_places
