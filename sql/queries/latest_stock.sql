-- title: Latest reported stock per state/region
-- Answers: what is the most recent figure for a stock (displaced, refugees, detained, missing)
-- stated for each first-level unit of a country (and for the country as a whole), who claimed it,
-- and when. Stocks are head-counts at a date: the latest claim is shown (ties on that day: the
-- lowest), never a sum of claims; restatements and parts of other figures do not count
-- (series_input in views.sql, as GET /api/v1/series).
-- param metric: string = displaced -- a stock metric: displaced, refugees, detained, missing
-- param country: string = MM -- ISO 3166-1 alpha-2 country code
WITH dated AS (
    SELECT s.figure_id, s.value, s.stock_day AS stated_at, p.level, p.admin1_pcode, p.admin1, p.code
    FROM series_input(current_version()) AS s
    JOIN places AS p ON p.code = s.place_code
    WHERE s.metric = $metric AND p.country = $country AND s.counted AND NOT s.is_flow
      AND NOT s.vague AND NOT s.synthetic AND s.stock_day IS NOT NULL
      AND p.level IN ('country', 'admin1')
),
ranked AS (
    SELECT d.*, row_number() OVER (PARTITION BY d.code ORDER BY d.stated_at DESC, d.value ASC) AS r,
           count(*) OVER (PARTITION BY d.code) AS n_reports
    FROM dated AS d
)
SELECT CASE WHEN r.level = 'country' THEN '(country-wide)' ELSE coalesce(r.admin1_pcode, r.admin1, r.code) END AS unit,
       p.name AS unit_name, r.value, r.stated_at, f.claimed_by, f.article_source, r.figure_id, r.n_reports
FROM ranked AS r
JOIN places AS p ON p.code = r.code
JOIN figures_with_provenance AS f ON f.figure_id = r.figure_id
WHERE r.r = 1
ORDER BY r.value DESC
