-- title: Figures per publisher and metric
-- Answers: which publishers the figures come from, how many figures of each metric each one
-- reported, and over which dates; where a dataset built from news leans on a few outlets.
-- param date_from: date = 1900-01-01 -- first article publication date included
-- param date_to: date = 2099-12-31 -- last article publication date included
SELECT coalesce(article_source, '(unknown)') AS source, metric,
       count(*) AS n_figures, count(DISTINCT article_id) AS n_articles,
       min(article_published) AS first_published, max(article_published) AS last_published
FROM figures_with_provenance
WHERE NOT synthetic
  AND (article_published IS NULL OR article_published BETWEEN $date_from AND $date_to)
GROUP BY ALL
ORDER BY n_figures DESC, source, metric
