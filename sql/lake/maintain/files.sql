-- The lake's live data and delete files, and their bytes (what maintain keeps bounded).
SELECT coalesce(sum(file_count), 0)::BIGINT AS data_files, coalesce(sum(file_size_bytes), 0)::BIGINT AS data_bytes,
       coalesce(sum(delete_file_count), 0)::BIGINT AS delete_files
FROM ducklake_table_info('lake')
