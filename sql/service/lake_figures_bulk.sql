-- Every row (current and superseded) of the figures chunks named in $parts (lake_figures_parts.sql),
-- with the chunk's metric, month and number as lake_metric, lake_month, lake_chunk: when a publish
-- writes many chunks (the first one, a large ingest) service/store/lake.py writes them with one
-- partitioned COPY, one scan of the table instead of one per chunk.
SELECT * FROM (
    SELECT *, metric AS lake_metric,
           coalesce(strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m'), 'undated') AS lake_month,
           CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR) AS lake_chunk
    FROM figures
)
WHERE lake_metric || '/' || lake_month || '/' || lake_chunk IN (SELECT unnest(CAST($parts AS VARCHAR[])))
ORDER BY article_id, char_start, row_id
