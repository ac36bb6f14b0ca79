-- Every revision of the articles of one publication month chunk (lake_articles_parts.sql).
SELECT * FROM articles
WHERE coalesce(strftime(published, '%Y-%m'), 'unknown')
      || '/' || CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR)
      = $part
ORDER BY article_id, revision
