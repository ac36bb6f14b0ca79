-- title: Monthly totals of a flow metric in a place
-- Answers: how many people were reported killed (or injured, abducted…) each month in a place
-- and every unit below it, counted as GET /api/v1/series counts them (series_input in views.sql):
-- only claims (no restatement, no part of another figure), the reports of one incident merged
-- (the lowest claim counts once; low/high span every claim), the event's date or else the
-- publication date. Vague amounts and cumulative totals are left out.
-- param metric: string = killed -- a flow metric: killed, injured, killed_or_injured, released, abducted, conscripted
-- param place: string = MM -- place code (MM, MMR013, MM-06…); selects the place and everything below it
-- param date_from: date = 2021-02-01 -- first event date included
-- param date_to: date = 2099-12-31 -- last event date included
WITH scope AS (
    SELECT rtrim(path, '/') AS path FROM places
    WHERE code = $place OR code = (SELECT min(code) FROM places WHERE admin1 = upper($place) AND level = 'admin1')
    LIMIT 1
),
rows AS (
    SELECT s.*,
           min(s.value) OVER (PARTITION BY s.incident)                                AS inc_value,
           min(least(coalesce(s.low, s.value), s.value)) OVER (PARTITION BY s.incident)    AS inc_low,
           max(greatest(coalesce(s.high, s.value), s.value)) OVER (PARTITION BY s.incident) AS inc_high,
           row_number() OVER (PARTITION BY s.incident ORDER BY s.figure_id) = 1       AS rep
    FROM series_input(current_version()) AS s
    WHERE s.metric = $metric AND s.incident IS NOT NULL AND NOT s.synthetic
      AND s.flow_day BETWEEN $date_from AND $date_to
      -- places.path lists ancestor codes: a prefix match selects the place and all below it
      AND (rtrim(s.place_path, '/') = (SELECT path FROM scope)
           OR starts_with(s.place_path, (SELECT path || '/' FROM scope)))
)
SELECT date_trunc('month', flow_day)::DATE AS period,
       sum(inc_value) FILTER (WHERE rep)::BIGINT AS value, sum(inc_low) FILTER (WHERE rep)::BIGINT AS low,
       sum(inc_high) FILTER (WHERE rep)::BIGINT AS high,
       count(*) FILTER (WHERE rep) AS n_incidents, count(*) AS n_reports
FROM rows
GROUP BY period
ORDER BY period
