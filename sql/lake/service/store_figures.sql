-- sql/service/store_figures.sql on a DuckLake: no sequence there, so a row's number is the largest
-- stored + its place in this batch (writes are serialised by lake_head: no other write numbers
-- rows between the max and the commit). figure_key as in the file form.
INSERT INTO figures
SELECT
    (SELECT coalesce(max(figure_row), 0) FROM figures) + row_number() OVER (ORDER BY f.article_id, f.char_start, f.metric),
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
