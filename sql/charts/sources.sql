-- The articles behind a chart: chart_sources (registered by the caller: article_id,
-- article_revision, figures) names the revision each figure was read from and how many of the
-- chart's figures it gave. Newest first.
SELECT
    a.article_id,
    a.title,
    a.source    AS publisher,
    a.url,
    a.published,
    u.figures
FROM chart_sources AS u
JOIN articles AS a
  ON a.article_id = u.article_id AND a.revision = u.article_revision
ORDER BY a.published DESC NULLS LAST, a.article_id DESC;
