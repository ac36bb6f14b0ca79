-- Extractor versions behind each current article's current figures (for reextract).
SELECT a.article_id, list(DISTINCT f.extractor_version) FILTER (WHERE f.extractor_version IS NOT NULL) AS versions
FROM articles AS a
LEFT JOIN figures AS f ON f.article_id = a.article_id AND f.version_to IS NULL
WHERE a.version_to IS NULL
GROUP BY a.article_id
