-- The articles behind a chart (chart_figure_ids, registered by the caller) at dataset version
-- $version: the revision the figures were read from, and how many of the chart's figures each gave.
SELECT
    a.article_id,
    any_value(a.title)     AS title,
    any_value(a.source)    AS publisher,
    any_value(a.url)       AS url,
    any_value(a.published) AS published,
    count(*)               AS figures
FROM figures_as_of(CAST($version AS INTEGER)) AS f
JOIN articles AS a
  ON a.article_id = f.article_id AND a.revision = f.article_revision
WHERE f.figure_id IN (SELECT figure_id FROM chart_figure_ids)
GROUP BY a.article_id
ORDER BY published DESC NULLS LAST, a.article_id DESC;
