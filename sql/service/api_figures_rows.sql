-- GET /api/v1/figures, step 2: the full rows (with their article's provenance) of the figures
-- step 1 chose, at dataset version $version. __IDS__ is replaced by the service with bind
-- placeholders ($id0, $id1, ...; their number only, never values). The chosen rows are
-- materialised before the joins: joined directly, the id list became a hash join over every
-- wide row of figures_as_of() (~37 ms at a million figures instead of ~11).
WITH r AS MATERIALIZED (
    SELECT * FROM figures_as_of(CAST($version AS INTEGER)) WHERE figure_id IN (__IDS__)
)
SELECT
    f.figure_id, f.article_id, f.metric, m.kind AS metric_kind, f.value, f.low, f.high, f.qualifier,
    f.vague, f.unit, f."group", f.group_class, f.perpetrator, f.location, f.country, f.admin1,
    f.admin1_pcode, f.place_code, f.township, f.lat, f.lon, f.event_date_start, f.event_date_end,
    f.date_precision, f.cumulative, f.since, f.as_of, f.claimed_by, f.quote, f.char_start, f.char_end,
    f.confidence, f.review_status, f.updated_version, f.extractor_version,
    a.source AS article_source, a.title AS article_title, a.url AS article_url,
    a.published AS article_published, f.synthetic, f.relation, f.related_to, f.implied, f.cause,
    f.disputed
FROM r AS f
JOIN articles AS a ON a.article_id = f.article_id AND a.revision = f.article_revision
LEFT JOIN metrics AS m ON m.name = f.metric
