-- Adjacent small files of a table merged into larger ones (snapshots keep reading their part).
SELECT count(*) FROM ducklake_merge_adjacent_files('lake')
