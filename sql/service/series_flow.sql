-- Flow series (killed, injured... per incident, not running totals) over series_input (the
-- figures at one dataset version: sql/service/series_input.sql). Repeated reports of one
-- incident (same metric, place, day and group class) are merged first: the conservative
-- (lowest) value counts once, the range spans every report; then incidents are summed per
-- period. The day is the event's start date, else the article's publication date. Vague amounts
-- ("dozens") are left out of sums. $place_path selects a unit and every unit below it.
WITH f AS (
    SELECT figure_id, article_id, place_code, group_class, value,
           least(coalesce(low, value), value)     AS low,
           greatest(coalesce(high, value), value) AS high,
           flow_day                               AS day,
           date_trunc(CAST($interval AS VARCHAR), flow_day) AS period
    FROM series_input
    WHERE metric = $metric
      AND NOT vague
      AND NOT cumulative
      AND (CAST($include_synthetic AS BOOLEAN) OR NOT synthetic)
      AND (CAST($place_path AS VARCHAR) IS NULL
           OR place_path = $place_path OR starts_with(place_path, rtrim($place_path, '/') || '/'))
      AND (CAST($group_class AS VARCHAR) IS NULL OR group_class = $group_class)
      AND flow_day IS NOT NULL
      AND (CAST($date_from AS DATE) IS NULL OR flow_day >= $date_from)
      AND (CAST($date_to AS DATE) IS NULL OR flow_day <= $date_to)
),
incidents AS (  -- one row per incident: its reports merged
    SELECT period, min(value) AS value, min(low) AS low, max(high) AS high
    FROM f
    GROUP BY period, place_code, day, group_class
),
sums AS (
    SELECT period, sum(value) AS value, sum(low) AS low, sum(high) AS high
    FROM incidents
    GROUP BY period
),
refs AS (  -- the reports behind each period (an incident lies in one period)
    SELECT period, count(*) AS n_reports, count(DISTINCT article_id) AS n_articles,
           list(figure_id ORDER BY figure_id) AS figure_ids, max(day) AS as_of
    FROM f
    GROUP BY period
)
SELECT CAST(period AS DATE) AS period_start,
       CAST(s.value AS BIGINT), CAST(s.low AS BIGINT), CAST(s.high AS BIGINT),
       CAST(r.n_reports AS INTEGER), CAST(r.n_articles AS INTEGER), r.figure_ids, r.as_of
FROM sums AS s
JOIN refs AS r USING (period)
ORDER BY 1
