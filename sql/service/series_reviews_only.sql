-- Whether every write in the dataset versions ($old, $new] was a review (which changes figures by
-- key, never stores or supersedes rows): only then may the in-memory series rows be changed in
-- place (series_revalued.sql); and the figures those reviews are of (a figure reviewed twice is
-- named twice), so that a review needs no series_changed.sql: its metric and day are read with
-- its amounts (series_revalued.sql).
SELECT coalesce((SELECT bool_and(kind = 'review') FROM dataset_versions WHERE version > $old AND version <= $new),
                false) AS reviews_only,
       (SELECT list(figure_key) FROM reviews WHERE version > $old AND version <= $new) AS ids
