-- One article ($id), the revision current at dataset version $version.
SELECT article_id, revision, title, source, url, published, published_method, text, content_hash,
       ingested_at, synthetic
FROM articles
WHERE article_id = $id AND version_from <= $version AND (version_to IS NULL OR version_to > $version)
