-- The reports at $version whose date is open (sql/views.sql series_input's open_from/open_to: dated
-- by the article's publication alone, the three days up to it; a range of up to a week, its days),
-- of the metrics registered as series_part_metrics (metric), whose own day (the event's start, else
-- the publication: the flow day before an open date takes its exact-day report's) is one of the
-- days registered as series_part_days (day): one row per report with its window. Such a report may
-- sit in any day of its window and reads the exact-day reports of every day of it, so the service
-- recomputes the (metric, day) partitions a write touched together with the windows that reach them
-- (service/query/series.py _reach). A superset is harmless (any such figure, counted or not, a flow
-- or not).
SELECT f.metric,
       CASE WHEN f.event_date_start IS NULL THEN a.published - 3 ELSE f.event_date_start END AS open_from,
       CASE WHEN f.event_date_start IS NULL THEN a.published ELSE f.event_date_end END       AS open_to
FROM figures_as_of(CAST($version AS INTEGER), source := 'series_open_figures') AS f
JOIN articles AS a ON a.article_id = f.article_id AND a.revision = f.article_revision
WHERE f.metric IN (SELECT metric FROM series_part_metrics)
  AND (f.event_date_start IS NULL
       OR (f.event_date_end > f.event_date_start AND f.event_date_end - f.event_date_start <= 7))
  AND coalesce(f.event_date_start, a.published) IN (SELECT day FROM series_part_days)
