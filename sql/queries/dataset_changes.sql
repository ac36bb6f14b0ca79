-- title: What changed in each dataset version
-- Answers: the history of the dataset, one row per version: what wrote it (ingest,
-- re-extraction, review), when, and how many figures it added and superseded. Use a version
-- number with figures_as_of(v) to reproduce an earlier analysis exactly.
-- param since_version: integer = 0 -- only versions after this one
SELECT v.version, v.created_at, v.kind, v.description, r.extractor_version,
       (SELECT count(*) FROM figures AS f WHERE f.version_from = v.version) AS figures_added,
       (SELECT count(*) FROM figures AS f WHERE f.version_to = v.version) AS figures_superseded,
       (SELECT count(*) FROM reviews AS rv WHERE rv.version = v.version) AS reviews
FROM dataset_versions AS v
LEFT JOIN extraction_runs AS r USING (run_id)
WHERE v.version > $since_version
ORDER BY v.version
