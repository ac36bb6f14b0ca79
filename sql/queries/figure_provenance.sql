-- title: Where one figure comes from
-- Answers: for one figure id, the exact claim as quoted, its character span in the article,
-- who claimed it, the article (publisher, title, URL, date), the extractor version that read
-- it and its review status: everything needed to check it by hand.
-- param figure_id: string -- the figure's id (figure_id column, stable across re-extractions)
SELECT figure_id, metric, value, low, high, qualifier, vague, unit, "group", group_class,
       location, place_code, event_date_start, event_date_end, cumulative, as_of, claimed_by,
       quote, char_start, char_end, article_id, article_revision, article_source, article_title,
       article_url, article_published, published_method, extractor_version, confidence,
       review_status, updated_version
FROM figures_with_provenance
WHERE figure_id = $figure_id
