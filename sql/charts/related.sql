-- The figures that restate, or are part of, a chart's reports (chart_reports, registered by the
-- caller): the table under the chart lists them so a reader sees what was not counted again.
-- Same columns as charts/reports.sql; the day is the figure's own event day, else its
-- article's publication date.
WITH r AS MATERIALIZED (
    SELECT f.*
    FROM figures_as_of(CAST($version AS INTEGER)) AS f
    WHERE f.related_to IN (SELECT figure_id FROM chart_reports)
      AND f.relation IN ('restates', 'part_of')
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
    coalesce(r.event_date_start, a.published) AS date,
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
    replace(r.relation, '_', ' ') AS role,
    r.related_to
FROM r
JOIN articles AS a
  ON a.article_id = r.article_id AND a.revision = r.article_revision
LEFT JOIN places AS p ON p.code = r.place_code
ORDER BY date, r.figure_id;
