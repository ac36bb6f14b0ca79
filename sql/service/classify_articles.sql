-- How each incoming article (registered as incoming_keys: article_id, content_hash) relates to
-- what is stored: new, unchanged (same id, same content), changed (same id, new content) or
-- duplicate (same content already stored under another id).
SELECT
    i.article_id,
    CASE
        WHEN c.content_hash = i.content_hash THEN 'unchanged'
        WHEN c.article_id IS NOT NULL THEN 'changed'
        WHEN d.article_id IS NOT NULL THEN 'duplicate'
        ELSE 'new'
    END                         AS status,
    coalesce(c.revision, 0)     AS current_revision,
    d.article_id                AS duplicate_of
FROM incoming_keys AS i
LEFT JOIN articles AS c
       ON c.article_id = i.article_id AND c.version_to IS NULL
LEFT JOIN (
    SELECT content_hash, min(article_id) AS article_id
    FROM articles
    WHERE version_to IS NULL
    GROUP BY content_hash
) AS d
       ON d.content_hash = i.content_hash AND d.article_id <> i.article_id
ORDER BY i.article_id
