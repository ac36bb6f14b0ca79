-- Store a batch: incoming_articles (with revision) and incoming_figures are registered frames;
-- $version is the dataset version of this write. Earlier revisions and their figures are
-- superseded, never deleted.
UPDATE figures SET version_to = $version
WHERE version_to IS NULL AND article_id IN (SELECT article_id FROM incoming_articles);

UPDATE articles SET version_to = $version
WHERE version_to IS NULL AND article_id IN (SELECT article_id FROM incoming_articles);

INSERT INTO articles
SELECT article_id, revision, source, url, title, published, published_method, text, extraction_text,
       content_hash, now(), origin_path, synthetic, $version, NULL
FROM incoming_articles;
