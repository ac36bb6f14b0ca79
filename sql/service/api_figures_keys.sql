-- GET /api/v1/figures, step 1: which figures, in which order (ids and sort keys only, so the
-- top-N never carries wide rows). Figures at dataset version $version with reviews applied:
-- a figure nobody reviewed reads exactly as stored, so those come straight from the figures
-- table (filters reach the scan); the few reviewed ones go through figures_as_of(), which applies
-- the latest review and drops rejected figures. tests/api/test_figures.py checks that this
-- equals figures_as_of() for every filter. __KEY__, __KEYTYPE__, __CMP__ and __DIR__ come from a
-- fixed allow-list of sort keys (never from request text); ($after_key, $after_id) is the cursor.
WITH reviewed AS (
    SELECT DISTINCT figure_key FROM reviews WHERE version <= $version
),
f AS (
    SELECT f.figure_key AS figure_id, f.article_id, f.article_revision, f.metric, f.value, f.vague,
           f.group_class, f.perpetrator, f.country, f.place_path, f.event_date_start, f.event_date_end,
           f.cumulative, f.claimed_by, f.confidence, f.synthetic,
           'unreviewed' AS review_status, f.version_from AS updated_version
    FROM figures AS f
    WHERE f.version_from <= $version AND (f.version_to IS NULL OR f.version_to > $version)
      AND f.figure_key NOT IN (SELECT figure_key FROM reviewed)
    -- reviewed:begin (left out by the service when no review exists at $version)
    UNION ALL
    SELECT r.figure_id, r.article_id, r.article_revision, r.metric, r.value, r.vague,
           r.group_class, r.perpetrator, r.country, r.place_path, r.event_date_start, r.event_date_end,
           r.cumulative, r.claimed_by, r.confidence, r.synthetic, r.review_status, r.updated_version
    FROM reviewed AS k
    JOIN figures_as_of(CAST($version AS INTEGER)) AS r ON r.figure_id = k.figure_key
    -- reviewed:end
)
SELECT f.figure_id, __KEY__ AS sort_key
FROM f
JOIN articles AS a ON a.article_id = f.article_id AND a.revision = f.article_revision
WHERE (CAST($metrics AS VARCHAR[]) IS NULL OR list_contains($metrics, f.metric))
  AND (CAST($ids AS VARCHAR[]) IS NULL OR list_contains($ids, f.figure_id))
  AND (CAST($article_id AS VARCHAR) IS NULL OR f.article_id = $article_id)
  AND (CAST($place_path AS VARCHAR) IS NULL
       OR f.place_path = $place_path OR starts_with(f.place_path, rtrim($place_path, '/') || '/'))
  AND (CAST($country AS VARCHAR) IS NULL OR f.country = $country)
  AND (CAST($date_from AS DATE) IS NULL OR coalesce(f.event_date_end, f.event_date_start) >= $date_from)
  AND (CAST($date_to AS DATE) IS NULL OR f.event_date_start <= $date_to)
  AND (CAST($published_from AS DATE) IS NULL OR a.published >= $published_from)
  AND (CAST($published_to AS DATE) IS NULL OR a.published <= $published_to)
  AND (CAST($group_classes AS VARCHAR[]) IS NULL OR list_contains($group_classes, f.group_class))
  AND (CAST($perpetrator AS VARCHAR) IS NULL OR contains(lower(f.perpetrator), lower($perpetrator)))
  AND (CAST($claimed_by AS VARCHAR) IS NULL OR contains(lower(f.claimed_by), lower($claimed_by)))
  AND (CAST($cumulative AS BOOLEAN) IS NULL OR f.cumulative = $cumulative)
  AND (CAST($vague AS BOOLEAN) IS NULL OR f.vague = $vague)
  AND (CAST($min_confidence AS DOUBLE) IS NULL OR f.confidence >= $min_confidence)
  AND (CAST($review_statuses AS VARCHAR[]) IS NULL OR list_contains($review_statuses, f.review_status))
  AND (CAST($updated_after AS INTEGER) IS NULL OR f.updated_version > $updated_after)
  AND (CAST($include_synthetic AS BOOLEAN) OR NOT f.synthetic)
  AND (CAST($after_id AS VARCHAR) IS NULL
       OR __KEY__ __CMP__ CAST($after_key AS __KEYTYPE__)
       OR (__KEY__ = CAST($after_key AS __KEYTYPE__) AND f.figure_id __CMP__ $after_id))
ORDER BY __KEY__ __DIR__, f.figure_id __DIR__
LIMIT CAST($limit AS BIGINT)
