-- The figure rows (every stored row: figures_as_of picks the ones current at the version) that may
-- sit on one of the days registered as series_part_days (metric, day) in that metric at any version
-- (series_part_metrics (metric) lists the metrics): stored with an event start on one of those days,
-- stored without one in an article published on one of them, or reviewed to such a day or metric
-- (looked up by key, as are the figures registered as series_part_ids (figure_id): the changed
-- figures of articles without a publication date, whose rows may have no day at all). For
-- series_partitions.sql, whose series_input keeps only the figures whose flow day and metric are
-- among those asked for: a superset is harmless (the figures of a day its metric does not need
-- cannot reach the partitions recomputed: service/query/series.py _reach). Each branch filters
-- the figures table inside its scan (a few days, a metric, a null start, a few keys) rather than
-- joining every row; the branches are disjoint (UNION ALL) and the keys' subquery is written out
-- in each, not a CTE, so that the columns series_input does not read are never read. A temporary
-- view of this cursor's own.
CREATE OR REPLACE TEMP VIEW series_part_figures AS
SELECT f.* FROM figures AS f
WHERE f.figure_key IN (SELECT figure_key FROM reviews
                       WHERE event_date_start IN (SELECT day FROM series_part_days)
                          OR metric IN (SELECT metric FROM series_part_metrics)
                       UNION ALL SELECT figure_id FROM series_part_ids)
UNION ALL
SELECT f.* FROM figures AS f
WHERE f.event_date_start IN (SELECT day FROM series_part_days)
  AND f.metric IN (SELECT metric FROM series_part_metrics)
  AND (f.metric, f.event_date_start) IN (SELECT metric, day FROM series_part_days)
  AND f.figure_key NOT IN (SELECT figure_key FROM reviews
                           WHERE event_date_start IN (SELECT day FROM series_part_days)
                              OR metric IN (SELECT metric FROM series_part_metrics)
                           UNION ALL SELECT figure_id FROM series_part_ids)
UNION ALL
SELECT f.* FROM figures AS f
WHERE f.event_date_start IS NULL
  AND f.metric IN (SELECT metric FROM series_part_metrics)
  AND f.article_id IN (SELECT article_id FROM articles WHERE published IN (SELECT day FROM series_part_days))
  AND f.figure_key NOT IN (SELECT figure_key FROM reviews
                           WHERE event_date_start IN (SELECT day FROM series_part_days)
                              OR metric IN (SELECT metric FROM series_part_metrics)
                           UNION ALL SELECT figure_id FROM series_part_ids)
