-- The figures named by __IDS__, each reviewed in the dataset versions
-- ($old, $new], all of whose writes were reviews (series_reviews_only.sql), whose rows differ
-- between $old and $new in their value, low or high at most (a review correcting an amount, a
-- confirmation): their series input rows then differ only in value, low and high (series_input's
-- days, places and incidents never read an amount), so the service changes those in the rows it
-- keeps in memory instead of recomputing partitions. One row per figure named: `same` tells
-- whether it qualifies; value/low/high are those at $new, and metric and event_date_start say
-- where its row is kept (the block of its metric whose quarter holds a day within a week of that
-- start; none: any).
-- Reviews alone wrote since $old, so each figure's stored row is the one of $old: what differs is
-- the review in force. It qualifies when the review in force at $old (if any) and at $new each
-- reject nothing and set nothing but amounts (every column of the review besides those below is
-- NULL: a column reviews come to set is not an amount unless it is named here), and it is current
-- at $new. Its amounts at $new are read through figures_as_of, the one definition of a reviewed
-- figure (once: reading both versions and comparing them cost a second figures_as_of, ~6 ms),
-- unless the review's own write read its row (writes.record_review_read): the service then puts
-- that row's columns, as bind parameters, between new:begin and new:end (series._revalued).
-- __IDS__ is replaced by the service with bind placeholders ($id0, $id1, ...: the same ids; their
-- number only, never values): a list of values finds the figures by the key's index, where a
-- registered frame's subquery read every row of figures_as_of() (at 5M figures 9 ms against
-- 60-100 ms); the figures are unnested from the same list (a registered frame cost ~3 ms a call).
WITH new AS (
    -- new:begin
    SELECT * FROM figures_as_of(CAST($new AS INTEGER)) WHERE figure_id IN (__IDS__)
    -- new:end
),
in_force AS (
    -- the review in force at $old and at $new of each figure
    SELECT r.*, vs.v AS at_version
    FROM reviews AS r, (VALUES (CAST($old AS INTEGER)), (CAST($new AS INTEGER))) AS vs(v)
    WHERE r.figure_key IN (__IDS__) AND r.version <= vs.v
    QUALIFY row_number() OVER (PARTITION BY r.figure_key, vs.v ORDER BY r.review_id DESC) = 1
),
plain AS (
    -- those reviews that reject nothing and set nothing but amounts (in a WHERE clause the
    -- COLUMNS expression expands to every column's test joined by AND)
    SELECT figure_key, at_version FROM in_force
    WHERE action <> 'reject'
      AND COLUMNS(* EXCLUDE (review_id, figure_key, action, value, low, high, note, reviewer, created_at, version,
                             at_version)) IS NULL
),
beyond AS (
    SELECT figure_key, at_version FROM in_force EXCEPT SELECT figure_key, at_version FROM plain
)
SELECT i.figure_id,
       -- the amount series_input counts (sql/views.sql): a range stated without a point, its lower
       -- end; a disputed claim, 0 to its value
       series_amount(n.qualifier, n.value, n.low, n.disputed) AS value,
       series_low(n.value, n.low, n.disputed) AS low, series_high(n.value, n.high, n.disputed) AS high,
       n.metric, n.event_date_start,
       n.figure_id IS NOT NULL AND i.figure_id NOT IN (SELECT figure_key FROM beyond) AS same
FROM (SELECT unnest([__IDS__]) AS figure_id) AS i
LEFT JOIN new AS n USING (figure_id)
