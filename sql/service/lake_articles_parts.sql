-- Partitions (publication month) of the articles table holding rows stored or superseded by the
-- dataset versions in ($old, $new]; every partition when $old is NULL.
SELECT DISTINCT coalesce(strftime(published, '%Y-%m'), 'unknown') AS part
FROM articles
WHERE CAST($old AS INTEGER) IS NULL
   OR (version_from > $old AND version_from <= $new) OR (version_to > $old AND version_to <= $new)
