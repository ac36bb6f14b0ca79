-- Every row (current and superseded) of one figures partition (lake_figures_parts.sql).
SELECT * FROM figures
WHERE metric || '/' || coalesce(strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m'), 'undated')
      = $part
ORDER BY article_id, char_start, row_id
