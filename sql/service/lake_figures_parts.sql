-- Partitions (metric/month of the figure's date) of the figures table holding rows stored or
-- superseded by the dataset versions in ($old, $new]; every partition when $old is NULL.
-- service/store/lake.py rewrites only these in the published Parquet.
SELECT DISTINCT metric || '/' || coalesce(strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m'),
                                          'undated') AS part
FROM figures
WHERE CAST($old AS INTEGER) IS NULL
   OR (version_from > $old AND version_from <= $new) OR (version_to > $old AND version_to <= $new)
