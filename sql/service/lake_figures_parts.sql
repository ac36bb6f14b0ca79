-- Partitions (metric/month of the figure's date/chunk) of the figures table holding rows stored or
-- superseded by the dataset versions in ($old, $new]; every partition when $old is NULL. A chunk
-- is a stable hash of the article id modulo $buckets (md5: the same in every DuckDB version), so
-- an article's figures sit in one chunk of each partition. service/store/lake.py rewrites only these.
SELECT DISTINCT metric || '/' || coalesce(strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m'),
                                          'undated')
                || '/' || CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR)
                AS part
FROM figures
WHERE CAST($old AS INTEGER) IS NULL
   OR (version_from > $old AND version_from <= $new) OR (version_to > $old AND version_to <= $new)
