-- Whether every write in the dataset versions ($old, $new] was a review (which changes figures by
-- key, never stores or supersedes rows): only then may the in-memory series rows be changed in
-- place (series_revalued.sql).
SELECT coalesce(bool_and(kind = 'review'), false) FROM dataset_versions WHERE version > $old AND version <= $new
