-- Views and table macros researchers (and the service) start from. Recreated on every open,
-- so they always match the code; they hold no data.

-- The data as it stood at dataset version v, with human reviews applied: the latest review of
-- each figure (as of v) wins; rejected figures are left out; corrections replace the fields
-- they set. figure_id is the stable figure key.
CREATE OR REPLACE MACRO figures_as_of(v) AS TABLE
WITH latest_review AS (
    -- The corrected place is looked up here, on the few reviews, not on every figure.
    SELECT r.*, p.country AS p_country, p.admin1 AS p_admin1, p.admin1_pcode AS p_admin1_pcode,
           p.path AS p_path, p.lat AS p_lat, p.lon AS p_lon
    FROM reviews AS r
    LEFT JOIN places AS p ON p.code = r.place_code
    WHERE r.version <= v
    QUALIFY row_number() OVER (PARTITION BY r.figure_key ORDER BY r.review_id DESC) = 1
)
SELECT
    f.figure_key                                       AS figure_id,
    f.article_id,
    f.article_revision,
    coalesce(r.metric, f.metric)                       AS metric,
    coalesce(r.value, f.value)                         AS value,
    CASE WHEN r.action = 'correct' AND r.value IS NOT NULL THEN r.low ELSE f.low END   AS low,
    CASE WHEN r.action = 'correct' AND r.value IS NOT NULL THEN r.high ELSE f.high END AS high,
    f.qualifier,
    f.vague,
    f.unit,
    f.group_text                                       AS "group",
    f.group_class,
    f.perpetrator,
    f.location,
    coalesce(r.p_country, f.country)                    AS country,
    coalesce(r.p_admin1, f.admin1)                      AS admin1,
    coalesce(r.p_admin1_pcode, f.admin1_pcode)          AS admin1_pcode,
    coalesce(r.place_code, f.place_code)               AS place_code,
    coalesce(r.p_path, f.place_path)                    AS place_path,
    f.township,
    coalesce(r.p_lat, f.lat)                            AS lat,
    coalesce(r.p_lon, f.lon)                            AS lon,
    coalesce(r.event_date_start, f.event_date_start)   AS event_date_start,
    coalesce(r.event_date_end, r.event_date_start, f.event_date_end) AS event_date_end,
    f.date_precision,
    f.cumulative,
    f.since,
    f.as_of,
    f.claimed_by,
    f.quote,
    f.number_text,
    f.char_start,
    f.char_end,
    f.sentence_start,
    f.sentence_end,
    f.confidence,
    f.extractor_version,
    f.run_id,
    f.synthetic,
    CASE r.action WHEN 'confirm' THEN 'confirmed' WHEN 'correct' THEN 'corrected' ELSE 'unreviewed' END
                                                       AS review_status,
    greatest(f.version_from, coalesce(r.version, 0))   AS updated_version
FROM figures AS f
LEFT JOIN latest_review AS r USING (figure_key)
WHERE f.version_from <= v
  AND (f.version_to IS NULL OR f.version_to > v)
  AND (r.action IS NULL OR r.action <> 'reject');

-- The latest dataset version (0 for an empty database).
CREATE OR REPLACE MACRO current_version() AS (SELECT coalesce(max(version), 0) FROM dataset_versions);

-- Current figures with reviews applied: where most questions start.
CREATE OR REPLACE VIEW figures_current AS
SELECT * FROM figures_as_of(current_version());

-- Current articles (latest revision of each id).
CREATE OR REPLACE VIEW articles_current AS
SELECT * EXCLUDE (version_to) FROM articles WHERE version_to IS NULL;

-- Current figures joined to the article they came from: who published the claim, when, where.
CREATE OR REPLACE VIEW figures_with_provenance AS
SELECT
    f.*,
    a.source        AS article_source,
    a.title         AS article_title,
    a.url           AS article_url,
    a.published     AS article_published,
    a.published_method,
    m.kind          AS metric_kind,
    m.hxl           AS metric_hxl
FROM figures_current AS f
JOIN articles_current AS a USING (article_id)
JOIN metrics AS m ON m.name = f.metric;

-- Flow figures per month and place after merging repeated reports of one incident (same metric,
-- place, event date and group class): the conservative (lowest) value counts once.
CREATE OR REPLACE VIEW flow_series_monthly AS
WITH incidents AS (
    SELECT metric, place_code, event_date_start, group_class,
           min(value) AS value, min(coalesce(low, value)) AS low, max(coalesce(high, value)) AS high,
           count(*) AS n_reports, count(DISTINCT article_id) AS n_articles
    FROM figures_current JOIN metrics ON metrics.name = figures_current.metric
    WHERE metrics.kind = 'flow' AND NOT cumulative AND NOT vague AND event_date_start IS NOT NULL
    GROUP BY ALL
)
SELECT metric, place_code, date_trunc('month', event_date_start) AS period,
       sum(value) AS value, sum(low) AS low, sum(high) AS high,
       sum(n_reports) AS n_reports, sum(n_articles) AS n_articles
FROM incidents
GROUP BY ALL;

-- Stocks and cumulative totals per month and place: the latest as-of value in each month
-- (never summed), with the range across sources. A stock may fall.
CREATE OR REPLACE VIEW stock_series_monthly AS
WITH dated AS (
    SELECT f.*, coalesce(f.as_of, f.event_date_end, a.published) AS stated_at
    FROM figures_current AS f
    JOIN articles_current AS a USING (article_id)
    JOIN metrics AS m ON m.name = f.metric
    WHERE (m.kind = 'stock' OR f.cumulative) AND NOT f.vague
)
SELECT metric, place_code, date_trunc('month', stated_at) AS period,
       arg_max(value, stated_at) AS value, min(coalesce(low, value)) AS low,
       max(coalesce(high, value)) AS high, count(*) AS n_reports, count(DISTINCT article_id) AS n_articles
FROM dated
WHERE stated_at IS NOT NULL
GROUP BY ALL;

-- researcher views
-- Start from figures_current (one row per current figure, reviews applied) or
-- figures_with_provenance (the same with the article's publisher, title, URL and date). These
-- add the history and the bookkeeping researchers ask about; none holds data of its own.

-- Every extraction of every figure, current or superseded, with the dataset versions it was
-- valid in: how a figure changed across extractor versions (figure_id is the stable key).
CREATE OR REPLACE VIEW figure_history AS
SELECT
    f.figure_key                              AS figure_id,
    f.article_id,
    f.article_revision,
    f.metric,
    f.value,
    f.low,
    f.high,
    f.qualifier,
    f.place_code,
    f.event_date_start,
    f.event_date_end,
    f.quote,
    f.extractor_version,
    f.run_id,
    f.version_from,
    f.version_to,
    f.version_to IS NULL                      AS is_current
FROM figures AS f;

-- Every human review in the order it was made, with the figure's current quote and article.
CREATE OR REPLACE VIEW review_log AS
SELECT r.*, f.article_id, f.quote
FROM reviews AS r
LEFT JOIN (SELECT figure_key, any_value(article_id) AS article_id, any_value(quote) AS quote
           FROM figures GROUP BY figure_key) AS f USING (figure_key);

-- Who the figures come from: each publisher with its current articles, figures and date span.
CREATE OR REPLACE VIEW article_sources AS
SELECT
    coalesce(a.source, '(unknown)')           AS source,
    count(DISTINCT a.article_id)              AS n_articles,
    count(f.figure_id)                        AS n_figures,
    min(a.published)                          AS first_published,
    max(a.published)                          AS last_published
FROM articles_current AS a
LEFT JOIN figures_current AS f USING (article_id)
WHERE NOT a.synthetic
GROUP BY ALL;

-- Flows and stocks in one monthly series table, with each metric's kind, so one query (or one
-- plot) can show both; flows are sums of merged incidents, stocks the latest value (never summed).
CREATE OR REPLACE VIEW series_monthly AS
SELECT 'flow' AS kind, metric, place_code, period, value, low, high, n_reports, n_articles FROM flow_series_monthly
UNION ALL BY NAME
SELECT 'stock' AS kind, metric, place_code, period, value, low, high, n_reports, n_articles FROM stock_series_monthly;
