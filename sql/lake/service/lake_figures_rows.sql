-- sql/service/lake_figures_rows.sql on a DuckLake: the published snapshot names figure_row
-- row_id, as the file backend's figures table does, so researchers' queries run on either.
SELECT * RENAME (figure_row AS row_id) FROM figures
WHERE metric || '/' || coalesce(strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m'), 'undated')
      = $part
ORDER BY article_id, char_start, figure_row
