-- The average rows of a figures partition (metric and month of the figure's date, as in
-- lake_figures_parts.sql): service/store/lake.py splits every partition into enough chunks that
-- an average one has at most CHUNKED["figures"] rows a chunk.
SELECT avg(n) FROM (
    SELECT count(*) AS n FROM figures
    GROUP BY metric, strftime(coalesce(event_date_start, as_of, event_date_end), '%Y-%m')
)
