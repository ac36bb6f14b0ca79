-- GET /api/v1/health: counts of the current data and when it last changed.
SELECT
    (SELECT max(created_at) FROM dataset_versions)                         AS updated_at,
    (SELECT count(*) FROM articles WHERE version_to IS NULL)                AS articles,
    (SELECT count(*) FROM figures_current WHERE NOT synthetic)              AS figures,
    (SELECT count(*) FROM figures_current WHERE synthetic)                  AS synthetic_figures,
    (SELECT count(*) FROM reviews)                                          AS reviews,
    (SELECT list(DISTINCT extractor_version ORDER BY extractor_version)
       FROM figures WHERE version_to IS NULL)                               AS extractor_versions
