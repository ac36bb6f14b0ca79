-- title: Latest reported stock per state/region
-- Answers: what is the most recent figure for a stock (displaced, refugees, detained, missing)
-- in each first-level unit of a country, who claimed it, and when. Stocks are head-counts at a
-- date: the latest claim is shown, never a sum of claims.
-- param metric: string = displaced -- a stock metric: displaced, refugees, detained, missing
-- param country: string = MM -- ISO 3166-1 alpha-2 country code
WITH dated AS (
    SELECT f.*, coalesce(f.as_of, f.event_date_end, f.article_published) AS stated_at
    FROM figures_with_provenance AS f
    WHERE f.metric = $metric AND f.country = $country AND NOT f.vague
)
SELECT coalesce(d.admin1_pcode, d.admin1, '(country-wide)') AS unit,
       any_value(p.name) AS unit_name,
       arg_max(d.value, d.stated_at) AS value,
       max(d.stated_at) AS stated_at,
       arg_max(d.claimed_by, d.stated_at) AS claimed_by,
       arg_max(d.article_source, d.stated_at) AS article_source,
       arg_max(d.figure_id, d.stated_at) AS figure_id,
       count(*) AS n_reports
FROM dated AS d
LEFT JOIN places AS p ON p.code = coalesce(d.admin1_pcode, d.admin1)
WHERE d.stated_at IS NOT NULL
GROUP BY ALL
ORDER BY value DESC
