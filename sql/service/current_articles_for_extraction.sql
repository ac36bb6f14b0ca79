-- Current articles to re-extract, in a stable order. Parameter: offset, limit. extraction_text is
-- '' when stored as text and blanked spans (service.store.writes derives it).
SELECT article_id, revision, extraction_text, text, blanked, published, title, source, synthetic
FROM articles
WHERE version_to IS NULL
ORDER BY article_id
LIMIT ? OFFSET ?
