-- Re-extraction: supersede the current figures of the articles in incoming_articles.
UPDATE figures SET version_to = $version
WHERE version_to IS NULL AND article_id IN (SELECT article_id FROM incoming_articles);
