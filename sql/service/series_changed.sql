-- The figures whose series input rows the dataset versions in ($old, $new] may have changed: rows
-- stored or superseded by those writes, and figures reviewed in them. version_from grows with
-- every write, so the scan skips whole row groups by their min/max.
SELECT figure_key AS figure_id FROM figures
WHERE (version_from > $old AND version_from <= $new) OR (version_to > $old AND version_to <= $new)
UNION
SELECT figure_key FROM reviews WHERE version > $old AND version <= $new
