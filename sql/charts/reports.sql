-- The reports behind a chart: figures as of dataset version $version (reviews applied, rejected
-- ones gone) with the article revision they were read from, the number as written and the
-- place name. chart_reports (registered by the caller: figure_id, day) lists the figures to
-- draw and the day the series placed each on (flows: event start; stocks and running totals:
-- the as-of date; else publication) and its role in the point (service.charts.data.ROLES); the
-- caller has already kept the largest per period.
-- Materialised first: joining places to the un-narrowed figures lets the planner build over
-- every figure, three times slower at 20k.
-- After them come the figures that restate, or are part of, one of those reports (related_to set;
-- their day is their own event day, else their article's publication date): the table under the
-- chart lists them so a reader sees what was not counted again.
WITH r AS MATERIALIZED (
    SELECT f.*, k.day, k.role, NULL::VARCHAR AS shown_related_to
    FROM figures_as_of(CAST($version AS INTEGER)) AS f
    JOIN chart_reports AS k USING (figure_id)
    UNION ALL BY NAME
    SELECT f.*, f.event_date_start AS day, replace(f.relation, '_', ' ') AS role, f.related_to AS shown_related_to
    FROM figures_as_of(CAST($version AS INTEGER)) AS f
    WHERE f.related_to IN (SELECT figure_id FROM chart_reports) AND f.relation IN ('restates', 'part_of')
)
SELECT
    r.figure_id,
    r.article_id,
    r.metric,
    r.value,
    r.low,
    r.high,
    r.qualifier,
    r.vague,
    r.cumulative,
    coalesce(r.day, a.published)   AS date,
    r.place_code,
    coalesce(p.name, r.location)   AS place_name,
    r.group_class,
    r."group"                      AS group_text,
    r.claimed_by,
    r.quote,
    r.char_start,
    r.char_end,
    r.number_text,
    r.review_status,
    a.source    AS publisher,
    a.title     AS article_title,
    a.url       AS article_url,
    a.published AS article_published,
    r.role,
    r.shown_related_to             AS related_to,
    -- the amount the point takes from a counted report (series_input's value, sql/views.sql
    -- series_amount: a range stated without a point, its lower end; a disputed claim, 0)
    CASE WHEN r.role IN ('counted', 'latest') THEN series_amount(r.qualifier, r.value, r.low, r.disputed) END AS counts,
    r.disputed
FROM r
JOIN articles AS a
  ON a.article_id = r.article_id AND a.revision = r.article_revision
LEFT JOIN places AS p ON p.code = r.place_code
ORDER BY r.shown_related_to IS NOT NULL, date, r.figure_id;
