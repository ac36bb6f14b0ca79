-- Every revision of the articles of one publication month (lake_articles_parts.sql).
SELECT * FROM articles WHERE coalesce(strftime(published, '%Y-%m'), 'unknown') = $part
ORDER BY article_id, revision
