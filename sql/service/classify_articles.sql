-- How each incoming article (registered as incoming_keys: article_id, content_hash) relates to
-- what is stored: new, unchanged (same id, same content), changed (same id, new content) or
-- duplicate (same content already stored under another id). The stored articles with an incoming
-- hash are found through articles_hash_idx (the MATERIALIZED lookup keeps the index scan: a
-- filter pushed into it would turn it into a scan of every hash), not by grouping every article.
WITH same_hash AS MATERIALIZED (
    SELECT content_hash, article_id, version_to
    FROM articles
    WHERE content_hash IN (SELECT content_hash FROM incoming_keys)
),
same_id AS MATERIALIZED (
    SELECT article_id, revision, content_hash, version_to
    FROM articles
    WHERE article_id IN (SELECT article_id FROM incoming_keys)
)
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
LEFT JOIN (SELECT * FROM same_id WHERE version_to IS NULL) AS c
       ON c.article_id = i.article_id
LEFT JOIN (
    SELECT content_hash, min(article_id) AS article_id
    FROM same_hash
    WHERE version_to IS NULL
    GROUP BY content_hash
) AS d
       ON d.content_hash = i.content_hash AND d.article_id <> i.article_id
ORDER BY i.article_id
