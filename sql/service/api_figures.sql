-- GET /api/v1/figures: figures at dataset version $version (reviews applied, rejected left out)
-- with their article's provenance. Every filter is a bind parameter that is NULL when unused.
-- The WHERE placeholder below is the shared filter block (api_figures_where.sql); __KEY__, __KEYTYPE__, __CMP__ and
-- __DIR__ are replaced by the service from a fixed allow-list
-- of sort keys (never from request text); ($after_key, $after_id) is the keyset cursor.
SELECT
    f.figure_id, f.article_id, f.metric, m.kind AS metric_kind, f.value, f.low, f.high, f.qualifier,
    f.vague, f.unit, f."group", f.group_class, f.perpetrator, f.location, f.country, f.admin1,
    f.admin1_pcode, f.place_code, f.township, f.lat, f.lon, f.event_date_start, f.event_date_end,
    f.date_precision, f.cumulative, f.since, f.as_of, f.claimed_by, f.quote, f.char_start, f.char_end,
    f.confidence, f.review_status, f.updated_version, f.extractor_version,
    a.source AS article_source, a.title AS article_title, a.url AS article_url,
    a.published AS article_published, f.synthetic, f.relation, f.related_to, f.implied, f.cause,
    f.disputed,
    __KEY__ AS sort_key
FROM figures_as_of(CAST($version AS INTEGER)) AS f
JOIN articles AS a ON a.article_id = f.article_id AND a.revision = f.article_revision
LEFT JOIN metrics AS m ON m.name = f.metric
__WHERE__
