-- The reports behind a chart: figures as of dataset version $version (reviews applied, rejected
-- ones gone) with the article revision they were read from, the number as written and the
-- place name. chart_reports (registered by the caller: figure_id, day) lists the figures to
-- draw and the day the series placed each on (flows: event start; stocks and running totals:
-- the as-of date; else publication) and its role in the point (service.charts.data.ROLES); the
-- caller has already kept the largest per period.
-- Materialised first: joining places to the un-narrowed figures lets the planner build over
-- every figure, three times slower at 20k.
WITH r AS MATERIALIZED (
    SELECT f.*, k.day, k.role
    FROM figures_as_of(CAST($version AS INTEGER)) AS f
    JOIN chart_reports AS k USING (figure_id)
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
    r.day                          AS date,
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
    NULL::VARCHAR AS related_to
FROM r
JOIN articles AS a
  ON a.article_id = r.article_id AND a.revision = r.article_revision
LEFT JOIN places AS p ON p.code = r.place_code
ORDER BY r.day, r.figure_id;
