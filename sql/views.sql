-- Views and table macros researchers (and the service) start from. Recreated on every open,
-- so they always match the code; they hold no data.

-- The data as it stood at dataset version v, with human reviews applied: the latest review of
-- each figure (as of v) wins; rejected figures are left out; corrections replace the fields
-- they set. figure_id is the stable figure key. `source` names the table of figure rows to read
-- (default: figures); the service passes a view of some figures' rows to recompute only the
-- series partitions a write touched (sql/service/series_partitions.sql).
CREATE OR REPLACE MACRO figures_as_of(v, source := 'figures') AS TABLE
WITH latest_review AS (
    -- The corrected place is looked up here, on the few reviews, not on every figure; and only
    -- among the places reviews name (a semi join built on their codes): joined whole, the ~39k
    -- places were scanned by every call once any review existed (4 ms of a 7 ms lookup by id).
    SELECT r.*, p.country AS p_country, p.admin1 AS p_admin1, p.admin1_pcode AS p_admin1_pcode,
           p.path AS p_path, p.lat AS p_lat, p.lon AS p_lon
    FROM reviews AS r
    LEFT JOIN (SELECT * FROM places WHERE code IN (SELECT place_code FROM reviews WHERE version <= v)) AS p
           ON p.code = r.place_code
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
    coalesce(f.relation, 'independent')                AS relation,
    f.related_to,
    coalesce(f.implied, false)                         AS implied,
    coalesce(f.cause, 'conflict')                      AS cause,
    coalesce(f.disputed, false)                        AS disputed,
    CASE r.action WHEN 'confirm' THEN 'confirmed' WHEN 'correct' THEN 'corrected' ELSE 'unreviewed' END
                                                       AS review_status,
    greatest(f.version_from, coalesce(r.version, 0))   AS updated_version
FROM query_table(source) AS f
LEFT JOIN latest_review AS r USING (figure_key)
WHERE f.version_from <= v
  AND (f.version_to IS NULL OR f.version_to > v)
  AND (r.action IS NULL OR r.action <> 'reject');

-- The side a perpetrator as written is on: 'state' (armies, police, air forces, a government's
-- strikes), 'non_state' (rebels, militias, gunmen, named armed groups; read first, so "Arakan
-- Army" and "armed men in police fatigues" are not the state), NULL where the words do not say.
-- Only the phrase's head counts, before what it did or where ("an air force strike targeting
-- bandits" is the state's). Reports of one place and day by different sides are different
-- events (series_input).
CREATE OR REPLACE MACRO actor_side_of_head(p) AS (
    CASE WHEN regexp_matches(p, '\b(rebels?|militants?|insurgents?|fighters?|militia\w*|gunm[ae]n|bandits?|'
                || 'jihadists?|terrorists?|attackers?|assailants?|armed (men|man|groups?|individuals?|elements)|guerrillas?|'
                || 'pdfs?|people''?s defen[cs]e forces?|resistance|liberation|independence|arakan army|kia|knla|tnla|mndaa|'
                || 'rsf|rapid support|m23|adf|jnim|isgs|isis|islamic state|al[- ]?shabaa?b|boko haram|iswap|hamas|'
                || 'hezbollah|houthis?|npa|eln|farc|dissidents?|gangs?|gangsters?|cartels?|mai[- ]?mai|codeco|'
                || 'cultists?|vigilantes?|kidnappers?)\b') THEN 'non_state'
         WHEN regexp_matches(p, '\b(soldiers?|troops?|army|military|junta|regime|police\w*|policem[ae]n|'
                || 'gendarm\w*|forces|air ?force|air ?strikes?|warplanes?|(fighter )?jets?|tatmadaw|sac|fardc|saf|idf|'
                || 'navy|marines?)\b') THEN 'state' END
);
CREATE OR REPLACE MACRO actor_side(p) AS (
    actor_side_of_head(regexp_replace(lower(coalesce(p, '')),
                                      '\s(targeting|targetting|against|on|at|in|near|from|of|who|which|that|while)\b.*$', ''))
);

-- The one definition of a series (README "Series semantics"; service/query/series.py aggregates
-- these rows, and every view and named query below reads them too). One row per figure at dataset
-- version v with:
--   value      what the figure counts: its value, but a range stated without a point ("between 5
--              and 23", stored as value 14, low 5) counts its lower end, the least it claims (the
--              conservative choice, as ACLED codes), so no series holds a number no one stated;
--   day        flows: the event's start date, else the article's publication date; a report
--              whose date is open (dated by publication alone: the three days up to it; a range
--              of up to a week: its days) takes the day of the one exact-day report of its place in
--              that window, if there is exactly one; stocks and running totals: the stated as-of
--              date, else the event's end date, else publication;
--   counted    whether the figure counts: people (not households or families), not vague, of conflict (not a disaster, accident or
--              illness: service/extract/frames/cause.py), an independent claim (a flow's increment
--              "adds_to" a running total counts too), never a restatement or a part of another figure;
--              flows: not a running total;
--   incident   flows: reports of one event merged across articles: same metric, same day, same
--              place (a place named as written when the gazetteer does not know it, so two unknown
--              villages stay apart; a report at a region or country level joins the one more precise
--              incident inside it on that day), compatible victims ("unknown" joins the one known
--              class); NULL for figures that do not count;
--   place_code / place_path  flows: the incident's most precise place, so a series of a unit
--              counts each incident inside it once; stocks: the place the figure covers, NULL when
--              the text names a narrower place the gazetteer does not know (the figure then stands
--              for no unit's stock: a partial figure never stands in for a national one).
-- source: as in figures_as_of. Every window above partitions within one metric and flow day, and
-- an open date reaches at most seven days back or three forward: the rows of whole (metric, day)
-- partitions come out the same from their figures and those of the seven days around them
-- (sql/service/series_changed.sql names them). So the service recomputes the partitions a write
-- touched from those figures alone: `days` (a list of dates) and `metrics` (a list of names), when
-- given, keep only the figures whose flow day (before an open date takes its exact-day report's;
-- figures without one stand alone and are kept) and metric are in them, before any window; rows
-- of the wanted partitions are then those of the whole input, if `days` holds the seven days on
-- either side of them (sql/service/series_partitions.sql).
-- The amount a series counts of a figure, and its range: a range stated without a point ("between
-- 5 and 23", stored as value 14, low 5) counts its lower end, the least it claims; a claim the text
-- says another party denies or has not confirmed (`disputed`) is a claim of 0 to its value (the
-- denial is the lowest claim, as ACLED codes a contested toll).
CREATE OR REPLACE MACRO series_amount(qualifier, value, low, disputed) AS (
    CASE WHEN coalesce(disputed, false) THEN 0
         WHEN qualifier = 'between' AND low IS NOT NULL THEN least(low, value) ELSE value END
);
CREATE OR REPLACE MACRO series_low(value, low, disputed) AS (
    CASE WHEN coalesce(disputed, false) THEN 0 ELSE low END
);
CREATE OR REPLACE MACRO series_high(value, high, disputed) AS (
    CASE WHEN coalesce(disputed, false) THEN greatest(coalesce(high, value), value) ELSE high END
);

-- A place's own name as written, without the units after it and the kind of place it is: "Wad
-- al-Nourah village", "Wad al-Nourah area of Al Jazirah State" and "Wad al-Nourah, Al Jazirah" are
-- one place, "wad al-nourah" (an incident key's written part).
CREATE OR REPLACE MACRO written_name(loc) AS (
    trim(regexp_replace(split_part(lower(trim(loc)), ',', 1),
                        '\s+((displacement|idp|refugee)\s+)?(village|area|town|city|camp|locality|neighbou?rhood|'
                        || 'township|commune|settlement|hamlet)(\s+(of|in|near)\s.*)?$', ''))
);

CREATE OR REPLACE MACRO series_input_part(v, source, days, metrics) AS TABLE
WITH base0 AS (
    SELECT f.figure_id, f.article_id, f.article_revision, f.metric, f.place_code, f.place_path, f.group_class,
           -- the amount a series counts (sql/service/series_revalued.sql says it again)
           series_amount(f.qualifier, f.value, f.low, f.disputed)         AS value,
           series_low(f.value, f.low, f.disputed)                         AS low,
           series_high(f.value, f.high, f.disputed)                       AS high, f.qualifier, f.vague, f.cumulative, f.synthetic, f.relation, f.country, f.implied,
           f.char_start, f.location, w.written, coalesce(f.claimed_by, '')  AS claim_source, f.related_to,
           actor_side(f.perpetrator)                                      AS side,
           -- a toll told as risen to its number ("the death toll rose to 9"): an update of the
           -- incident's count, which the earlier, lower counts of it were on the way to
           -- (or revised to it: "authorities revised the death toll ... to 14", "was raised to 14",
           -- or told with the count it rose from: "the toll rose from 31 to 36")
           regexp_matches(coalesce(f.quote, ''), '(?i)\b(rose|risen|rises|climbed|climbs|increased|jumped|went up|gone up)\s+(again\s+|further\s+)?(from\s+[0-9][0-9,.]*\s+)?to\b')
             OR regexp_matches(coalesce(f.quote, ''), '(?i)^(raised|revised|updated|corrected|adjusted)\b|\b(raised|revised|updated|corrected|adjusted)\s+(up(wards?)?\s+)?to\b')
                                                                          AS toll_update,
           m.kind = 'flow' AND NOT f.cumulative                           AS is_flow,
           coalesce(f.event_date_start, a.published)                      AS flow_day,
           -- the days a flow report may be about, following the precision of its date: a report
           -- dated by its publication alone, the three days up to it; a range of up to a week
           -- ("last week", "between 3 and 5 May"), its days; an exact day, that day
           CASE WHEN f.event_date_start IS NULL THEN a.published - 3
                WHEN f.event_date_end > f.event_date_start AND f.event_date_end - f.event_date_start <= 7
                     THEN f.event_date_start END                          AS open_from,
           CASE WHEN f.event_date_start IS NULL THEN a.published
                WHEN f.event_date_end > f.event_date_start AND f.event_date_end - f.event_date_start <= 7
                     THEN f.event_date_end END                            AS open_to,
           coalesce(f.as_of, f.event_date_end, a.published)              AS stock_day,
           -- (people only: "400 families fled" counts households, another unit, kept as a figure)
           NOT f.vague AND f.cause = 'conflict' AND coalesce(f.unit, 'people') = 'people'
               AND (f.relation = 'independent'
                    OR (f.relation = 'adds_to' AND m.kind = 'flow' AND NOT f.cumulative)
                    -- (a stock's part: counted in base where its place is its own)
                    OR (f.relation = 'part_of' AND (m.kind = 'stock' OR f.cumulative)))
               -- a stock metric told as an event of a day or a recent window ("fighting displaced
               -- some 50,000 people in the past two weeks", "police arrested 16 villagers on
               -- Monday") is that event, not a head-count: it never stands for the place's stock
               AND NOT (m.kind = 'stock' AND f.as_of IS NULL AND f.since IS NULL AND f.event_date_start IS NOT NULL
                        AND (regexp_matches(coalesce(f.quote, ''), '(?i)\b(fled|flee|flees|fleeing|forced|forcing|displacing|uprooted|uprooting|arrested|arresting|detaining|apprehended|rounded up|seized|abducted|crossed|crossing|arrived|arriving|poured)\b')
                             OR regexp_matches(coalesce(f.quote, ''), '(?i)^(displaced|drove|driven|uprooted|pushed|detained)\b'))
                        AND NOT regexp_matches(coalesce(f.quote, ''), '(?i)\b(are|is|remain|remains|remained|still|now|living|live|lives|sheltering|sheltered|staying|stay|host|hosts|hosting|housed|camped|currently|held|in total|so far|to date)\b'))
                                                                          AS counted,
           coalesce(p.level, 'none')                                      AS place_level,
           -- whether the place as written names the resolved place itself ("Monywa City" is
           -- Monywa) or something inside it the gazetteer does not know ("Saabid village",
           -- resolved to the nearest known town)
           -- (or as written whole: "North Kivu province" is North Kivu, not a "Kivu province")
           -- (a possessive names a part of its possessor: "Niger's Tillaberi region" names
           -- Tillaberi, "Myanmar's central Dry Zone" not Myanmar; "Cox's Bazar" is a name)
           f.location IS NULL
             OR (possessor = '' OR NOT (possessor = lower(p.name)
                                        OR list_contains(list_transform(coalesce(p.aliases, []), a -> lower(a)), possessor)))
                AND (starts_with(written, lower(p.name)) OR starts_with(written_whole, lower(p.name))
                     OR len(list_filter(coalesce(p.aliases, []), a -> starts_with(written, lower(a))
                                                                      OR starts_with(written_whole, lower(a)))) > 0)
             OR possessor <> '' AND (starts_with(possessed, lower(p.name))
                                     OR len(list_filter(coalesce(p.aliases, []), a -> starts_with(possessed, lower(a)))) > 0)
                                                                          AS names_place,
           coalesce(p.admin1, f.admin1)                                   AS unit1,
           -- a place the gazetteer resolved below the country, else the place as written in its
           -- country; a figure with neither is told apart from every other report (nothing says
           -- where it was, so nothing says it was the same event)
           CASE WHEN p.level IS NOT NULL AND p.level <> 'country' THEN f.place_code
                WHEN f.country IS NULL AND nullif(trim(f.location), '') IS NULL THEN '?:' || f.article_id
                ELSE coalesce(f.country, '?') || ':' || lower(trim(coalesce(f.location, ''))) END AS resolved_key
    FROM figures_as_of(v, source := source) AS f
    -- the place as written, without the words that only say which part of it ("northern Shan")
    CROSS JOIN LATERAL (SELECT regexp_replace(lower(f.location), '^((the|northern|southern|eastern|western|'
                               || 'central|north|south|east|west|upper|lower|across|all of|whole of)[\s-]+)+', '')
                               AS written,
                               regexp_replace(lower(trim(f.location)), '^the\s+', '') AS written_whole,
                               regexp_extract(lower(trim(f.location)), '^(?:the\s+)?([^,'']+?)[''’]s\s', 1) AS possessor,
                               regexp_replace(lower(trim(f.location)), '^(?:the\s+)?[^,'']+?[''’]s\s+((the|northern|southern|'
                               || 'eastern|western|central|north|south|east|west|upper|lower)[\s-]+)*', '') AS possessed) AS w
    JOIN articles AS a ON a.article_id = f.article_id AND a.revision = f.article_revision
    JOIN metrics AS m ON m.name = f.metric
    LEFT JOIN places AS p ON p.code = f.place_code
    WHERE (days IS NULL OR coalesce(f.event_date_start, a.published) IS NULL
           OR list_contains(days, coalesce(f.event_date_start, a.published)))
      AND (metrics IS NULL OR list_contains(metrics, f.metric))
),
base AS (
    SELECT b.* REPLACE (
               -- a stock's part at a place of its own is that place's stock ("3 million across
               -- Myanmar, including 1.2 million in Sagaing Region"), never added to the whole
               -- (a part by kind of people at the same place, "including 1.5 million children", is
               -- a breakdown only)
               b.counted AND (b.relation <> 'part_of' OR (b.place_code IS NOT NULL AND w.place_code IS NOT NULL
                                                          AND b.place_code <> w.place_code
                                                          AND b.group_class IN (w.group_class, 'unknown'))) AS counted),
           -- a stock covers its place only when the text names that place (or names none and it is
           -- the article's): "6,000 IDPs in Thantlang Township" is no stock of Myanmar because the
           -- gazetteer put the unknown township in its country
           -- (at every level: "Zamzam camp, near El Fasher" is no stock of El Fasher)
           b.names_place                                                  AS covers_place,
           -- below the country, a place written more precisely than it resolved keeps its name:
           -- two unknown villages near one known town the same day are two events
           -- (by its own name, the part before the units it lies in: "Argelia, Cauca department"
           -- and "Argelia, Cauca" are one place)
           CASE WHEN b.place_level NOT IN ('country', 'none') AND NOT b.names_place
                THEN b.place_code || ':' || written_name(b.location) ELSE b.resolved_key END AS own_key
    FROM base0 AS b
    -- (the figure a part is of, for its place: in the same article; the relation is tested inside
    -- the key, since beside the equalities DuckDB plans a nested-loop join, quadratic in figures)
    LEFT JOIN base0 AS w ON w.figure_id = CASE WHEN b.relation = 'part_of' THEN b.related_to END
                        AND w.article_id = b.article_id
),
flows0 AS (
    SELECT *,
           -- the one more precisely written incident at a report's resolved place on its day
           min(CASE WHEN place_level NOT IN ('country', 'none') AND NOT names_place THEN own_key END)
               OVER (PARTITION BY metric, synthetic, place_code, flow_day) AS lo0,
           max(CASE WHEN place_level NOT IN ('country', 'none') AND NOT names_place THEN own_key END)
               OVER (PARTITION BY metric, synthetic, place_code, flow_day) AS hi0
    FROM base WHERE counted AND is_flow AND flow_day IS NOT NULL
),
flows AS (
    SELECT * EXCLUDE (lo0, hi0),
           CASE WHEN place_level NOT IN ('country', 'none') AND names_place AND lo0 IS NOT NULL AND lo0 = hi0
                THEN lo0 ELSE own_key END AS key0,
           -- a report naming only the known place on a day of several incidents inside it is
           -- covered by them ("9 killed in Sagaing Region" the day "5 in Myinmu" and "4 in Sagaing
           -- Township" were): not a third incident, and not added
           place_level NOT IN ('country', 'none') AND names_place AND lo0 IS NOT NULL AND lo0 <> hi0 AS covered0
    FROM flows0
),
inside_sums AS (
    -- what the incidents inside a first-level unit on a day claim together (each its lowest claim)
    -- (not "v": the macro's version parameter)
    SELECT metric, synthetic, unit1, flow_day, sum(lowest) AS inside_sum
    FROM (SELECT metric, synthetic, unit1, flow_day, key0, min(value) AS lowest
          FROM flows
          WHERE (place_level NOT IN ('admin1', 'country', 'none') OR NOT names_place) AND unit1 IS NOT NULL
          GROUP BY metric, synthetic, unit1, flow_day, key0)
    GROUP BY metric, synthetic, unit1, flow_day
),
flows1a AS (
    SELECT f.*,
           -- the one incident more precise than a region-level report on its day, if there is one
           min(CASE WHEN place_level NOT IN ('admin1', 'country', 'none') OR NOT names_place THEN key0 END)
               OVER (PARTITION BY f.metric, f.synthetic, f.unit1, f.flow_day) AS lo1,
           max(CASE WHEN place_level NOT IN ('admin1', 'country', 'none') OR NOT names_place THEN key0 END)
               OVER (PARTITION BY f.metric, f.synthetic, f.unit1, f.flow_day) AS hi1,
           s.inside_sum
    FROM flows AS f
    LEFT JOIN inside_sums AS s ON s.metric = f.metric AND s.synthetic = f.synthetic AND s.unit1 = f.unit1
                              AND s.flow_day = f.flow_day
),
flows1b AS (
    SELECT *,
           -- (a region's report on a day of several incidents inside it is covered by them when they
           -- account for all it claims, "18 killed in Zamfara State" the day of "11 in Tsafe LGA" and
           -- "7 in Gusau", even where one of them is at the region's own place; a larger count is
           -- an event of its own)
           place_level = 'admin1' AND names_place AND lo1 IS NOT NULL AND lo1 <> hi1
               AND (key0 = own_key OR value <= inside_sum)                 AS covered1
    FROM flows1a
),
flows1 AS (
    SELECT * EXCLUDE (lo1, hi1, covered0, covered1, inside_sum),
           CASE WHEN covered1 THEN own_key  -- (covered: no claim of the incident it had joined)
                WHEN place_level = 'admin1' AND names_place AND key0 = own_key AND lo1 IS NOT NULL AND lo1 = hi1
                THEN lo1 ELSE key0 END AS key1,
           covered0 OR covered1 AS covered
    FROM flows1b
),
flows2 AS (
    SELECT *,
           -- a country-level report joins the country's one incident of that day, if there is one
           min(CASE WHEN place_level <> 'country' AND place_level <> 'none' THEN key1 END)
               OVER (PARTITION BY metric, synthetic, country, flow_day) AS lo2,
           max(CASE WHEN place_level <> 'country' AND place_level <> 'none' THEN key1 END)
               OVER (PARTITION BY metric, synthetic, country, flow_day) AS hi2
    FROM flows1
),
flows3 AS (
    -- (not a report naming a place the gazetteer does not know when the country's incident of
    -- the day was written as another unknown place: "Bomadi LGA" and "Kankara LGA" are two events,
    -- "Kyauk Ka" joins "Kyauk Ka village, Kanbalu Township")
    SELECT * EXCLUDE (lo2, hi2, lo2_written) REPLACE (
               -- a report naming only the country on a day of several incidents inside it is
               -- covered by them, as a region's is ("killed five civilians across Ukraine over the
               -- past day" the day of the governors' 3 in Kharkiv and 2 in Sumy)
               covered OR (place_level = 'country' AND names_place AND lo2 IS NOT NULL AND lo2 <> hi2) AS covered),
           CASE WHEN place_level = 'country' AND lo2 IS NOT NULL AND lo2 = hi2
                     AND (names_place OR lo2_written = '' OR starts_with(lo2_written, written_name(written))
                          OR starts_with(written_name(written), lo2_written))
                THEN lo2 ELSE key1 END AS place_key
    FROM (SELECT *, split_part(regexp_extract(lo2, '^(?:(?:GN|BP):[^:]+|[^:]+)(?::(.*))?$', 1), ',', 1) AS lo2_written
          FROM flows2)
),
exact_days AS (
    -- each exact-day report under its place key, and (below the country, written as a name the
    -- gazetteer does not know) under its country and that name too
    SELECT DISTINCT metric, synthetic, place_key, flow_day, place_key AS home_key FROM flows3 WHERE open_from IS NULL
    UNION
    SELECT DISTINCT metric, synthetic, place_key, flow_day, country || '#' || written_name(written) AS home_key
    FROM flows3 WHERE open_from IS NULL AND NOT names_place AND country IS NOT NULL
),
homes AS (
    -- a report whose date is open joins the one report dated to an exact day of its window at
    -- its place ("11 villagers were killed", published the day after "killed 11 villagers on 2
    -- June"); with none or several such days it keeps its own day
    -- (a report placed only in its country by a name the gazetteer does not know joins the one
    -- report of that name in that country: "in Tawori, eastern Burkina Faso" is the attack "in
    -- Tawori, Est region" of the day before; the key is one equality, so that DuckDB hashes it)
    SELECT f.figure_id, min(d.flow_day) AS day, min(d.place_key) AS place_key
    FROM flows3 AS f
    JOIN exact_days AS d ON d.metric = f.metric AND d.synthetic = f.synthetic
                        AND d.home_key = CASE WHEN f.place_level = 'country' AND NOT f.names_place AND f.country IS NOT NULL
                                              THEN f.country || '#' || written_name(f.written)
                                              ELSE f.place_key END
                        AND d.flow_day BETWEEN f.open_from AND f.open_to
    WHERE f.open_from IS NOT NULL
    GROUP BY f.figure_id
    HAVING count(DISTINCT d.flow_day) = 1 AND count(DISTINCT d.place_key) = 1
),
flows3h AS (
    SELECT f.* REPLACE (coalesce(h.day, f.flow_day) AS flow_day, coalesce(h.place_key, f.place_key) AS place_key)
    FROM flows3 AS f LEFT JOIN homes AS h USING (figure_id)
),
flows4 AS (
    SELECT *,
           min(CASE WHEN group_class <> 'unknown' THEN group_class END)
               OVER (PARTITION BY metric, synthetic, place_key, flow_day) AS g_lo,
           max(CASE WHEN group_class <> 'unknown' THEN group_class END)
               OVER (PARTITION BY metric, synthetic, place_key, flow_day) AS g_hi,
           min(side) OVER (PARTITION BY metric, synthetic, place_key, flow_day) AS s_lo,
           max(side) OVER (PARTITION BY metric, synthetic, place_key, flow_day) AS s_hi,
           list(CASE WHEN side IS NOT NULL THEN struct_pack(a := article_id, s := side) END)
               OVER (PARTITION BY metric, synthetic, place_key, flow_day) AS sides
    FROM flows3h
),
candidates0 AS (
    SELECT *,
           concat_ws('|', metric, synthetic::VARCHAR, place_key, flow_day::VARCHAR,
                     CASE WHEN group_class = 'unknown' AND g_lo IS NOT NULL AND g_lo = g_hi THEN g_lo
                          ELSE group_class END,
                     -- the side that did it: a report naming none joins the one side named that
                     -- day ("5 killed" and "troops killed 5"); two sides are two events
                     coalesce(side, CASE WHEN s_lo = s_hi THEN s_lo END)) AS candidate
    FROM flows4
),
candidates AS (
    -- a report of one class of victims below another article's count of all the victims of that
    -- incident is a part of it, not a competing claim ("Eight civilians were killed" against "killed
    -- at least 20 people, including 8 civilians"): covered, not the incident's lowest claim (within
    -- one article its relations already tell parts from claims: "4 people as well as 2 policemen")
    -- ... and a count below another article's update of the incident's toll ("the toll rose to 9"
    -- against the first day's 6) is superseded by it, not its lowest claim
    -- ... and one victim named without a numeral ("Officer Marco Díaz also died in the ambush") is
    -- one of another article's larger count of the incident ("Two police officers were killed"),
    -- not a lower claim of it
    -- ... and a report naming no perpetrator on a day other articles name two sides is covered by
    -- them (within one article, its relations tell a third event from a restatement)
    SELECT * EXCLUDE (alls, updates, everyone, s_lo, s_hi, sides) REPLACE (
               covered OR (side IS NULL AND len(list_distinct(list_transform(
                               list_filter(sides, x -> x IS NOT NULL AND x.a <> article_id), x -> x.s))) > 1)
                       OR coalesce(implied AND value < list_max(list_transform(
                                       list_filter(everyone, x -> x.a <> article_id), x -> x.v)), false)
                       OR coalesce(group_class <> 'unknown'
                                   AND value < list_max(list_transform(
                                       list_filter(alls, x -> x IS NOT NULL AND x.a <> article_id), x -> x.v)),
                                   false)
                       OR coalesce(NOT toll_update
                                   AND value < list_max(list_transform(
                                       list_filter(updates, x -> x IS NOT NULL AND x.a <> article_id), x -> x.v)),
                                   false) AS covered)
    FROM (SELECT *, list(CASE WHEN group_class = 'unknown' THEN struct_pack(a := article_id, v := value) END)
                        OVER (PARTITION BY candidate) AS alls,
                    list(CASE WHEN toll_update THEN struct_pack(a := article_id, v := value) END)
                        OVER (PARTITION BY candidate) AS updates,
                    list(struct_pack(a := article_id, v := value)) OVER (PARTITION BY candidate) AS everyone
          FROM candidates0)
),
incidents AS (
    -- one article's independent claims are distinct events (its relations already merged what it
    -- says twice), except competing claims of different sources; across articles, the n-th claim
    -- of each report on that place and day is one incident
    SELECT figure_id, flow_day,
           candidate || '#' || row_number() OVER (PARTITION BY candidate, article_id, claim_source
                                                  ORDER BY char_start) AS incident
    FROM candidates
    WHERE NOT covered
)
SELECT b.figure_id, b.article_id, b.article_revision, b.metric, b.group_class, b.value, b.low, b.high, b.vague,
       b.cumulative, b.synthetic, b.relation, b.is_flow, coalesce(i.flow_day, b.flow_day) AS flow_day,
       b.stock_day, b.counted,
       -- stocks: which claim of a place's last day stands (stock_rank: the lowest rank's lowest
       -- value is the point): 0 a revision ("revised its count to 4,627"), 1 a count, 2 a rounded
       -- one ("about 2 million", "nearly"), 3 below another claim's stated minimum that day (the
       -- "more than 3 million" point 3,000,000 against "3,024,000"; see stock_rank below)
       CASE WHEN b.toll_update THEN 0 WHEN b.qualifier IN ('about', 'nearly') THEN 2 ELSE 1 END AS stock_rank,
       CASE WHEN b.qualifier IN ('more than', 'at least') THEN b.low END AS stated_min,
       i.incident,
       -- a flow incident's most precise place (the longest path among its reports); a stock's
       -- place only where it covers that place
       CASE WHEN i.incident IS NOT NULL
                 THEN arg_max(b.place_code, length(coalesce(b.place_path, ''))) OVER (PARTITION BY i.incident)
            WHEN b.is_flow OR b.covers_place THEN b.place_code END AS place_code,
       CASE WHEN i.incident IS NOT NULL
                 THEN arg_max(b.place_path, length(coalesce(b.place_path, ''))) OVER (PARTITION BY i.incident)
            WHEN b.is_flow OR b.covers_place THEN b.place_path END AS place_path
FROM base AS b
LEFT JOIN incidents AS i USING (figure_id);

-- series_input(v): the rows of every partition (what researchers, the views and the named queries
-- read); the service asks series_input_part for a write's touched days and metrics. (Two macros,
-- not one with NULL defaults: a DuckLake catalog cannot store a macro parameter whose default
-- is an untyped or a list-typed NULL.)
CREATE OR REPLACE MACRO series_input(v, source := 'figures') AS TABLE
SELECT * FROM series_input_part(v, source, NULL, NULL);

-- The text the extractor read: the article's text with its boilerplate spans blanked (every
-- character but a newline made a space), as stored once: SELECT blanked_text(text, blanked) FROM
-- articles (rows stored before migration 004 with other blanking keep extraction_text itself).
CREATE OR REPLACE MACRO blanked_text(t, spans) AS
CASE WHEN spans IS NULL OR len(spans) = 0 THEN t
     ELSE array_to_string(list_transform(string_split(t, ''), (ch, i) ->
              CASE WHEN ch <> chr(10) AND list_bool_or(list_transform(spans, s -> i > s[1] AND i <= s[2]))
                   THEN ' ' ELSE ch END), '') END;

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

-- Flow series per month and place (series_input: only claims count, reports of one incident
-- merged, the lowest claim counts once, low/high span every claim; the day is the event's, else
-- the publication date). An incident sits at its most precise place: sum the rows whose place is
-- under a unit (places.path) for that unit's total. The same numbers as GET /api/v1/series.
CREATE OR REPLACE VIEW flow_series_monthly AS
WITH rows AS (
    SELECT metric, place_code, date_trunc('month', flow_day)::DATE AS period, article_id, incident,
           min(value) OVER (PARTITION BY incident)                              AS inc_value,
           min(least(coalesce(low, value), value)) OVER (PARTITION BY incident)    AS inc_low,
           max(greatest(coalesce(high, value), value)) OVER (PARTITION BY incident) AS inc_high,
           row_number() OVER (PARTITION BY incident ORDER BY figure_id) = 1      AS rep
    FROM series_input(current_version())
    WHERE incident IS NOT NULL AND NOT synthetic
)
SELECT metric, place_code, period,
       sum(inc_value) FILTER (WHERE rep)::BIGINT AS value, sum(inc_low) FILTER (WHERE rep)::BIGINT AS low,
       sum(inc_high) FILTER (WHERE rep)::BIGINT AS high, count(*) FILTER (WHERE rep) AS n_incidents,
       count(*) AS n_reports, count(DISTINCT article_id) AS n_articles
FROM rows
GROUP BY ALL;

-- Stocks and running totals per month and place (series_input: only claims count): the latest
-- value stated in each month at that place itself (ties on that day: by stock_rank, then the
-- lowest), never summed,
-- with the range across the month's figures. A stock may fall. The same numbers as /series.
CREATE OR REPLACE VIEW stock_series_monthly AS
WITH rows AS (
    SELECT metric, place_code, date_trunc('month', stock_day)::DATE AS period, article_id, value, stock_day,
           least(coalesce(low, value), value) AS lo, greatest(coalesce(high, value), value) AS hi,
           max(stock_day) OVER (PARTITION BY metric, place_code, date_trunc('month', stock_day)) AS last_day,
           stock_rank, stated_min
    FROM series_input(current_version())
    WHERE counted AND NOT is_flow AND stock_day IS NOT NULL AND NOT vague AND NOT synthetic
),
standing AS (
    -- the last day's claims, ranked (series_input's stock_rank; 3: below another claim's stated minimum)
    SELECT *, CASE WHEN value < max(stated_min) FILTER (WHERE stock_day = last_day)
                                    OVER (PARTITION BY metric, place_code, period) THEN 3
                   ELSE stock_rank END AS rank
    FROM rows
),
ranked AS (
    SELECT *, min(rank) FILTER (WHERE stock_day = last_day) OVER (PARTITION BY metric, place_code, period) AS top
    FROM standing
)
SELECT metric, place_code, period,
       min(value) FILTER (WHERE stock_day = last_day AND rank = top)::BIGINT AS value, min(lo)::BIGINT AS low,
       max(hi)::BIGINT AS high, count(*) AS n_reports, count(DISTINCT article_id) AS n_articles
FROM ranked
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
