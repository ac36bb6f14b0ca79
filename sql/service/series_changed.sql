-- The figures whose series input rows the dataset versions in ($old, $new] may have changed (rows
-- stored or superseded by those writes, figures reviewed in them), each with every (metric, day) it
-- may be filed under before or after: its stored and reviewed metrics crossed with its stored and
-- reviewed event start dates and, stored without one, its article's publication date (its own
-- day, before an open date takes an exact-day report's day, at most seven days away: sql/views.sql
-- series_input). Found without reading every figure: version_from grows with every write, and
-- reviewed figures are looked up by key. The service widens these days by the windows of the open
-- reports that reach them (service/query/series.py _reach) to the partitions it recomputes.
WITH stored AS (
    -- (two scans, each filtered inside the scan by the zone maps of one column: the two conditions
    -- OR-ed in one scan read every row, 0.1-0.17 s at 5M figures)
    SELECT figure_key, metric, event_date_start, article_id, article_revision FROM figures
    WHERE version_from > $old AND version_from <= $new
    UNION ALL
    SELECT figure_key, metric, event_date_start, article_id, article_revision FROM figures
    WHERE version_to > $old AND version_to <= $new
),
reviewed AS MATERIALIZED (
    SELECT figure_key, metric, event_date_start, article_id, article_revision FROM figures
    WHERE figure_key IN (SELECT figure_key FROM reviews WHERE version > $old AND version <= $new)
),
changed AS (
    SELECT * FROM stored UNION ALL SELECT * FROM reviewed
),
metrics_of AS (
    SELECT figure_key, metric FROM changed
    UNION SELECT r.figure_key, r.metric FROM reviews AS r
          WHERE r.metric IS NOT NULL AND r.figure_key IN (SELECT figure_key FROM changed)
),
days_of AS (
    -- a day is NULL only where the article has no publication date (a figure without an event
    -- start then may have no flow day at all: its row is looked up by key)
    SELECT figure_key, event_date_start AS day FROM changed WHERE event_date_start IS NOT NULL
    UNION SELECT c.figure_key, a.published FROM changed AS c
          JOIN articles AS a ON a.article_id = c.article_id AND a.revision = c.article_revision
          WHERE c.event_date_start IS NULL  -- (a review sets a start, never removes one)
    UNION SELECT r.figure_key, r.event_date_start FROM reviews AS r
          WHERE r.event_date_start IS NOT NULL AND r.figure_key IN (SELECT figure_key FROM changed)
)
SELECT m.figure_key AS figure_id, m.metric, d.day AS flow_day
FROM metrics_of AS m JOIN days_of AS d USING (figure_key)
