-- Partitions (publication month/chunk) of the articles table holding rows stored or superseded by
-- the dataset versions in ($old, $new]; every partition when $old is NULL. A chunk is a stable hash
-- of the article id modulo $buckets (md5, as for figures in lake_figures_parts.sql).
SELECT DISTINCT coalesce(strftime(published, '%Y-%m'), 'unknown')
                || '/' || CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR)
                AS part
FROM articles
WHERE CAST($old AS INTEGER) IS NULL
   OR (version_from > $old AND version_from <= $new) OR (version_to > $old AND version_to <= $new)
