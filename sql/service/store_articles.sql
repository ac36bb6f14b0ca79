-- Store a batch: incoming_articles (with revision) and incoming_figures are registered frames;
-- $version is the dataset version of this write. Earlier revisions and their figures are
-- superseded, never deleted.
UPDATE figures SET version_to = $version
WHERE version_to IS NULL AND article_id IN (SELECT article_id FROM incoming_articles);

UPDATE articles SET version_to = $version
WHERE version_to IS NULL AND article_id IN (SELECT article_id FROM incoming_articles);

INSERT INTO articles
-- The text is stored once: with its blanked spans the extraction text is derivable ('' here).
SELECT article_id, revision, source, url, title, published, published_method, text,
       CASE WHEN blanked IS NOT NULL THEN '' ELSE extraction_text END,
       content_hash, now(), origin_path, synthetic, $version, NULL, blanked
FROM incoming_articles;
