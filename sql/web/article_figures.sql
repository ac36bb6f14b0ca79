-- Every current figure of one article (revision $revision) with its latest review, rejected
-- ones included (the page shows review status; charts leave rejected figures out).
WITH latest AS (
    SELECT *
    FROM reviews
    QUALIFY row_number() OVER (PARTITION BY figure_key ORDER BY review_id DESC) = 1
)
SELECT
    f.figure_key                                   AS figure_id,
    f.metric,
    f.value,
    f.low,
    f.high,
    f.qualifier,
    f.vague,
    f.cumulative,
    f.number_text,
    f.group_text,
    f.group_class,
    f.location,
    coalesce(p.name, f.location)                   AS place_name,
    f.place_code,
    f.event_date_start,
    f.event_date_end,
    f.as_of,
    f.claimed_by,
    f.quote,
    f.char_start,
    f.char_end,
    f.confidence,
    f.extractor_version,
    coalesce(f.relation, 'independent')            AS relation,
    f.related_to,
    coalesce(f.implied, false)                     AS implied,
    coalesce(f.cause, 'conflict')                  AS cause,
    coalesce(f.disputed, false)                    AS disputed,
    CASE r.action WHEN 'confirm' THEN 'confirmed' WHEN 'correct' THEN 'corrected'
                  WHEN 'reject' THEN 'rejected' ELSE 'unreviewed' END AS review_status,
    r.value                                        AS corrected_value,
    r.metric                                       AS corrected_metric,
    r.note                                         AS review_note
FROM figures AS f
LEFT JOIN latest AS r ON r.figure_key = f.figure_key
LEFT JOIN places AS p ON p.code = f.place_code
WHERE f.article_id = $article_id
  AND f.article_revision = $revision
  AND f.version_to IS NULL
ORDER BY f.char_start, f.char_end, f.metric;
