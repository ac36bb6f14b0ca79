-- The reports behind a chart: figures as of dataset version $version (reviews applied, rejected
-- ones gone) with the article revision they were read from, the number as written and the
-- place name. $ids lists the figure ids the series used.
SELECT
    f.figure_id,
    f.article_id,
    f.metric,
    f.value,
    f.low,
    f.high,
    f.qualifier,
    f.vague,
    f.cumulative,
    f.event_date_start,
    f.event_date_end,
    f.as_of,
    f.place_code,
    coalesce(p.name, f.location)  AS place_name,
    f.group_class,
    f."group"                     AS group_text,
    f.claimed_by,
    f.quote,
    f.char_start,
    f.char_end,
    fr.number_text,
    f.review_status,
    a.source                      AS publisher,
    a.title                       AS article_title,
    a.url                         AS article_url,
    a.published                   AS article_published
FROM figures_as_of($version) AS f
JOIN articles AS a
  ON a.article_id = f.article_id AND a.revision = f.article_revision
JOIN figures AS fr
  ON fr.figure_key = f.figure_id
 AND fr.version_from <= $version AND (fr.version_to IS NULL OR fr.version_to > $version)
LEFT JOIN places AS p ON p.code = f.place_code
WHERE f.figure_id IN (SELECT unnest($ids::VARCHAR[]))
ORDER BY coalesce(f.as_of, f.event_date_start, a.published), f.figure_id;
