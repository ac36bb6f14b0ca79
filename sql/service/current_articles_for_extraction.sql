-- Current articles to re-extract, in a stable order. Parameter: offset, limit.
SELECT article_id, revision, extraction_text, published, title, source, synthetic
FROM articles
WHERE version_to IS NULL
ORDER BY article_id
LIMIT ? OFFSET ?
