-- Insert extracted figures (registered as incoming_figures) at dataset version $version.
-- figure_key hashes article, span and metric so that reviews survive re-extraction.
INSERT INTO figures
SELECT
    nextval('figures_row_seq'),
    left(md5(concat_ws(':', f.article_id, f.char_start, f.char_end, f.metric)), 16),
    f.article_id, f.article_revision, f.run_id, f.extractor_version, f.metric, f.value, f.low, f.high,
    f.qualifier, f.vague, f.unit, f."group", f.group_class, f.perpetrator, f.location, f.country,
    f.admin1, f.admin1_pcode, f.place_code, p.path, f.township, f.lat, f.lon,
    try_cast(f.event_date_start AS DATE), try_cast(f.event_date_end AS DATE), f.date_precision,
    f.date_text, f.cumulative, f.since, try_cast(f.as_of AS DATE), f.claimed_by, f.quote, f.char_start,
    f.char_end, f.sentence_start, f.sentence_end, f.number_start, f.number_end, f.number_text,
    f.confidence, f.synthetic, $version, NULL, f.relation, f.related_to, f.implied, f.cause,
    f.disputed
FROM incoming_figures AS f
LEFT JOIN places AS p ON p.code = f.place_code
ORDER BY f.article_id, f.char_start, f.metric;
