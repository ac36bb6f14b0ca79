-- Files with many deleted rows (a superseded figure is an update: delete + insert) rewritten
-- without them, so reads do not apply long delete files.
SELECT count(*) FROM ducklake_rewrite_data_files('lake')
