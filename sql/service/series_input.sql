-- The rows series are computed from: figures at dataset version $version (reviews applied,
-- rejected left out), optionally of one $metric, with the days the series semantics use:
-- flow_day = the event's start date, else the article's publication date;
-- stock_day = the stated as-of date, else the event's end date, else the publication date.
-- The service keeps this frame in memory for the current version (sorted by place_path) and
-- aggregates a slice of it with polars (service/query/series.py).
SELECT f.figure_id, f.article_id, f.article_revision, f.metric, f.place_code, f.place_path, f.group_class,
       f.value, f.low, f.high, f.vague, f.cumulative, f.synthetic,
       coalesce(f.event_date_start, a.published)            AS flow_day,
       coalesce(f.as_of, f.event_date_end, a.published)     AS stock_day
FROM figures_as_of(CAST($version AS INTEGER)) AS f
JOIN articles AS a ON a.article_id = f.article_id AND a.revision = f.article_revision
WHERE CAST($metric AS VARCHAR) IS NULL OR f.metric = $metric
