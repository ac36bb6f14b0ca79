-- Stock series (displaced, refugees, detained...) and cumulative totals ("killed since the
-- coup") over series_input (the figures at one dataset version: sql/service/series_input.sql):
-- never summed. A point is the latest value stated in the period (ties at that date: the lowest,
-- conservative one), with the range across every figure in the period; a stock may fall. The
-- date is the stated as-of date, else the event's end date, else the article's publication date.
-- Only figures for the place itself count ($place_code): a unit's stock is not the sum (nor the
-- latest) of its sub-units'.
WITH f AS (
    SELECT figure_id, article_id, value,
           least(coalesce(low, value), value)        AS low,
           greatest(coalesce(high, value), value)    AS high,
           stock_day                                 AS day
    FROM series_input
    WHERE metric = $metric
      AND NOT vague
      AND (CAST($include_synthetic AS BOOLEAN) OR NOT synthetic)
      AND (CAST($cumulative AS BOOLEAN) IS NULL OR cumulative = $cumulative)
      AND (CAST($place_code AS VARCHAR) IS NULL OR place_code = $place_code)
      AND (CAST($group_class AS VARCHAR) IS NULL OR group_class = $group_class)
)
SELECT CAST(date_trunc(CAST($interval AS VARCHAR), day) AS DATE) AS period_start,
       first(value ORDER BY day DESC, value ASC)                  AS value,
       min(low)                                                   AS low,
       max(high)                                                  AS high,
       CAST(count(*) AS INTEGER)                                  AS n_reports,
       CAST(count(DISTINCT article_id) AS INTEGER)                AS n_articles,
       list_sort(list(figure_id))                                 AS figure_ids,
       max(day)                                                   AS as_of
FROM f
WHERE day IS NOT NULL
  AND (CAST($date_from AS DATE) IS NULL OR day >= $date_from)
  AND (CAST($date_to AS DATE) IS NULL OR day <= $date_to)
GROUP BY 1
ORDER BY 1
