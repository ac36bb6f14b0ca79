-- Every revision of the articles of one publication month chunk (lake_articles_parts.sql: the
-- part is month/chunk); the md5 only for the rows of that month.
SELECT * FROM articles
WHERE coalesce(strftime(published, '%Y-%m'), 'unknown') = split_part($part, '/', 1)
  AND CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR)
      = split_part($part, '/', 2)
ORDER BY article_id, revision
