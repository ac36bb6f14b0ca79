-- The figures registered as series_part_ids (figure_id) whose rows differ between dataset versions
-- $old and $new in their value, low or high at most (a review correcting an amount, a
-- confirmation): what series_input reads of them besides those (metric, place, country, dates) is
-- the same at both versions, and each is current at both. Their series input rows then differ only
-- in value, low and high (series_input's days, places and incidents never read an amount), so the
-- service changes those in the rows it keeps in memory instead of recomputing partitions. One row
-- per registered figure: `same` tells whether it qualifies, value/low/high are those at $new.
-- The columns compared are those series_input (sql/views.sql) reads: a column it comes to read
-- that a review may change belongs here too (tests/api/test_series_live.py compares a rebuild).
-- __IDS__ is replaced by the service with bind placeholders ($id0, $id1, ...: the same ids; their
-- number only, never values): a list of values finds the figures by the key's index, where the
-- registered frame's subquery read every row of figures_as_of() (at 5M figures 9 ms against
-- 60-100 ms, a review's largest cost on the server).
WITH old AS (
    SELECT * FROM figures_as_of(CAST($old AS INTEGER)) WHERE figure_id IN (__IDS__)
),
new AS (
    SELECT * FROM figures_as_of(CAST($new AS INTEGER)) WHERE figure_id IN (__IDS__)
)
SELECT i.figure_id,
       -- the amount series_input counts (sql/views.sql): a range stated without a point, its lower end
       CASE WHEN n.qualifier = 'between' AND n.low IS NOT NULL THEN least(n.low, n.value) ELSE n.value END AS value,
       n.low, n.high,
       coalesce(o.figure_id IS NOT NULL AND n.figure_id IS NOT NULL
                AND (o.article_id, o.article_revision, o.metric, o.place_code, o.place_path, o.country, o.admin1,
                     o.location, o.group_class, o.vague, o.cumulative, o.synthetic, o.relation, o.claimed_by,
                     o.char_start, o.event_date_start, o.event_date_end, o.as_of, o.qualifier)
                    IS NOT DISTINCT FROM
                    (n.article_id, n.article_revision, n.metric, n.place_code, n.place_path, n.country, n.admin1,
                     n.location, n.group_class, n.vague, n.cumulative, n.synthetic, n.relation, n.claimed_by,
                     n.char_start, n.event_date_start, n.event_date_end, n.as_of, n.qualifier), false) AS same
FROM series_part_ids AS i
LEFT JOIN old AS o USING (figure_id)
LEFT JOIN new AS n USING (figure_id)
