-- The reports behind a chart: figures as of dataset version $version (reviews applied, rejected
-- ones gone) with the article revision they were read from, the number as written and the
-- place name. chart_figure_ids (registered by the caller) lists the figure ids the series used.
-- Each report gets the day the series placed it on (flows: event start; stocks and running
-- totals: the as-of date; else publication) and, when a chart has too many to draw, only the
-- $per_period largest of each period are kept (rank <= $per_period).
WITH f AS (
    SELECT
        f.*,
        a.source    AS publisher,
        a.title     AS article_title,
        a.url       AS article_url,
        a.published AS article_published,
        CASE WHEN $summed THEN coalesce(f.event_date_start, a.published)
             ELSE coalesce(f.as_of, f.event_date_end, a.published) END AS day
    FROM figures_as_of(CAST($version AS INTEGER)) AS f
    JOIN articles AS a
      ON a.article_id = f.article_id AND a.revision = f.article_revision
    WHERE f.figure_id IN (SELECT figure_id FROM chart_figure_ids)
),
ranked AS (
    -- Ranked on the three columns it needs, then joined back: a window over the wide rows
    -- costs more than the rest of the query.
    SELECT f.*
    FROM (
        SELECT figure_id,
               row_number() OVER (PARTITION BY date_trunc(CAST($interval AS VARCHAR), day)
                                  ORDER BY value DESC, figure_id) AS rank_in_period
        FROM f
    ) AS k
    JOIN f USING (figure_id)
    WHERE k.rank_in_period <= $per_period
)
SELECT
    r.figure_id,
    r.article_id,
    r.metric,
    r.value,
    r.low,
    r.high,
    r.qualifier,
    r.vague,
    r.cumulative,
    r.day                          AS date,
    r.place_code,
    coalesce(p.name, r.location)   AS place_name,
    r.group_class,
    r."group"                      AS group_text,
    r.claimed_by,
    r.quote,
    r.char_start,
    r.char_end,
    r.number_text,
    r.review_status,
    r.publisher,
    r.article_title,
    r.article_url,
    r.article_published
FROM ranked AS r
LEFT JOIN places AS p ON p.code = r.place_code
ORDER BY r.day, r.figure_id;
