-- title: Monthly totals of a flow metric in a place
-- Answers: how many people were reported killed (or injured, abducted…) each month in a place
-- and every unit below it, after merging repeated reports of one incident (same metric, place,
-- event date and group: the lowest value counts once). Vague amounts and cumulative totals are
-- left out; low/high carry the stated uncertainty.
-- param metric: string = killed -- a flow metric: killed, injured, killed_or_injured, released, abducted, conscripted
-- param place: string = MM -- place code (MM, MMR013, MM-06…); selects the place and everything below it
-- param date_from: date = 2021-02-01 -- first event date included
-- param date_to: date = 2099-12-31 -- last event date included
WITH scope AS (SELECT path FROM places WHERE code = $place),
incidents AS (
    SELECT f.metric, f.place_code, f.event_date_start, f.group_class,
           min(f.value) AS value, min(coalesce(f.low, f.value)) AS low, max(coalesce(f.high, f.value)) AS high,
           count(*) AS n_reports, count(DISTINCT f.article_id) AS n_articles
    FROM figures_current AS f
    JOIN metrics AS m ON m.name = f.metric
    WHERE f.metric = $metric AND m.kind = 'flow' AND NOT f.cumulative AND NOT f.vague
      AND f.event_date_start BETWEEN $date_from AND $date_to
      -- places.path lists ancestor codes: a prefix match selects the place and all below it
      AND (f.place_code = $place
           OR rtrim(f.place_path, '/') = (SELECT rtrim(path, '/') FROM scope)
           OR starts_with(f.place_path, (SELECT rtrim(path, '/') || '/' FROM scope)))
    GROUP BY ALL
)
SELECT date_trunc('month', event_date_start)::DATE AS period,
       sum(value)::BIGINT AS value, sum(low)::BIGINT AS low, sum(high)::BIGINT AS high,
       count(*) AS n_incidents, sum(n_reports)::BIGINT AS n_reports
FROM incidents
GROUP BY period
ORDER BY period
