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
__WHERE__
