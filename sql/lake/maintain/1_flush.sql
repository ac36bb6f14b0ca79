-- Small writes are inlined into the catalog (rows in PostgreSQL tables, no Parquet file each):
-- write them out as Parquet, so the catalog stays small and reads scan files.
SELECT count(*) FROM ducklake_flush_inlined_data('lake')
