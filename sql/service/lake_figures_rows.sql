-- Every row (current and superseded) of one figures partition chunk (lake_figures_parts.sql).
SELECT * FROM figures
WHERE metric || '/' || coalesce(strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m'), 'undated')
      || '/' || CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR)
      = $part
ORDER BY article_id, char_start, row_id
