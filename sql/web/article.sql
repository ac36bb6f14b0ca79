-- The current revision of one article, for its web page.
SELECT article_id, revision, source, url, title, published, published_method, text, version_from
FROM articles_current
WHERE article_id = $article_id;
