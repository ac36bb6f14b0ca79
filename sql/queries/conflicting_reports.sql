-- title: Incidents reported with different numbers
-- Answers: which incidents (same metric, place and event date) were reported with different
-- values by different articles, the spread between them, and which sources said what; the
-- series use the lowest value, as ACLED does.
-- param metric: string = killed -- metric name (see the metrics table)
-- param min_articles: integer = 2 -- least number of articles reporting the incident
SELECT metric, place_code, event_date_start,
       min(value) AS lowest, max(value) AS highest, max(value) - min(value) AS spread,
       count(DISTINCT article_id) AS n_articles,
       string_agg(DISTINCT coalesce(article_source, '?') || ': ' || value, '; ') AS reports
FROM figures_with_provenance
WHERE metric = $metric AND NOT cumulative AND event_date_start IS NOT NULL
GROUP BY metric, place_code, event_date_start
HAVING count(DISTINCT article_id) >= $min_articles AND min(value) <> max(value)
ORDER BY spread DESC, event_date_start
