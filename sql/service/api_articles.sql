-- GET /api/v1/articles: article revisions current at dataset version $version, newest first,
-- keyset-paginated on (published, article_id). $q searches title and text (case-insensitive);
-- $place_path keeps articles with a figure at that place or below it.
WITH current AS (
    SELECT *
    FROM articles
    WHERE version_from <= $version AND (version_to IS NULL OR version_to > $version)
      AND (CAST($include_synthetic AS BOOLEAN) OR NOT synthetic)
),
counts AS (
    SELECT article_id, count(*) AS n_figures,
           bool_or(CAST($place_path AS VARCHAR) IS NOT NULL
                   AND (place_path = $place_path OR starts_with(place_path, rtrim($place_path, '/') || '/'))) AS at_place
    FROM figures_as_of(CAST($version AS INTEGER))
    GROUP BY article_id
)
SELECT a.article_id, a.revision, a.title, a.source, a.url, a.published, a.published_method,
       CAST(coalesce(c.n_figures, 0) AS INTEGER) AS n_figures, a.synthetic,
       coalesce(a.published, DATE '0001-01-01') AS sort_key
FROM current AS a
LEFT JOIN counts AS c USING (article_id)
WHERE (CAST($source AS VARCHAR) IS NULL OR lower(a.source) = lower($source))
  AND (CAST($published_from AS DATE) IS NULL OR a.published >= $published_from)
  AND (CAST($published_to AS DATE) IS NULL OR a.published <= $published_to)
  AND (CAST($place_path AS VARCHAR) IS NULL OR coalesce(c.at_place, false))
  AND (CAST($q AS VARCHAR) IS NULL OR contains(lower(a.title), lower($q)) OR contains(lower(a.text), lower($q)))
  AND (CAST($after_id AS VARCHAR) IS NULL
       OR coalesce(a.published, DATE '0001-01-01') < CAST($after_key AS DATE)
       OR (coalesce(a.published, DATE '0001-01-01') = CAST($after_key AS DATE) AND a.article_id < $after_id))
ORDER BY sort_key DESC, a.article_id DESC
LIMIT CAST($limit AS BIGINT)
