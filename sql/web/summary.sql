-- Counts for the home page header: the current dataset version and what it holds.
SELECT
    current_version()                                   AS version,
    (SELECT count(*) FROM articles_current)             AS articles,
    (SELECT count(*) FROM figures_current)              AS figures,
    (SELECT count(*) FROM figures_current WHERE metric = $metric) AS metric_figures;
