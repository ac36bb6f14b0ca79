-- Every row (current and superseded) of one figures partition chunk (lake_figures_parts.sql: the
-- part is metric/month/chunk). The cheap conditions come first, so the chunk's md5 is computed
-- only for the rows of its metric and month.
SELECT * FROM figures
WHERE metric = split_part($part, '/', 1)
  AND coalesce(strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m'), 'undated') = split_part($part, '/', 2)
  AND CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR)
      = split_part($part, '/', 3)
ORDER BY article_id, char_start, row_id
