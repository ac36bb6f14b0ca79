-- sql/service/lake_figures_bulk.sql on a DuckLake: figure_row published as row_id (as in
-- lake_figures_rows.sql here).
SELECT * FROM (
    SELECT * RENAME (figure_row AS row_id), metric AS lake_metric,
           coalesce(strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m'), 'undated') AS lake_month,
           CAST(CAST('0x' || left(md5(article_id), 8) AS UBIGINT) % CAST($buckets AS UBIGINT) AS VARCHAR) AS lake_chunk
    FROM figures
)
WHERE lake_metric || '/' || lake_month || '/' || lake_chunk IN (SELECT unnest(CAST($parts AS VARCHAR[])))
ORDER BY article_id, char_start, row_id
