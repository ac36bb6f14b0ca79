-- Every revision of the articles of the chunks named in $parts (lake_articles_parts.sql), with the
-- chunk's month and number as lake_month, lake_chunk: many chunks in one partitioned COPY
-- (lake_figures_bulk.sql says why).
SELECT * FROM (
    SELECT *, coalesce(strftime(published, '%Y-%m'), 'unknown') AS lake_month,
           CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR) AS lake_chunk
    FROM articles
)
WHERE lake_month || '/' || lake_chunk IN (SELECT unnest(CAST($parts AS VARCHAR[])))
ORDER BY article_id, revision
