-- humstat schema (DuckDB 1.5). The current full schema: a new database gets this file and is
-- stamped with the latest migration number; an older one gets the files in sql/migrations/.
-- Every column carries a "-- comment"; the store turns them into COMMENT ON COLUMN so that
-- researchers see them in duckdb_columns() and exports carry them as field descriptions.
--
-- Time: every committed write is one dataset version (dataset_versions). Rows that change are
-- never updated in place: a row is valid from version_from (inclusive) until version_to
-- (exclusive, NULL while current), so "the data as of version N" is
--   version_from <= N AND (version_to IS NULL OR version_to > N).

CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,       -- migration number applied
    name        VARCHAR NOT NULL,          -- file the migration came from
    applied_at  TIMESTAMPTZ NOT NULL       -- when it was applied
);

CREATE TABLE IF NOT EXISTS store_meta (
    key   VARCHAR PRIMARY KEY,             -- setting name (e.g. places_hash)
    value VARCHAR                          -- its value
);

CREATE TABLE IF NOT EXISTS dataset_versions (
    version     INTEGER PRIMARY KEY,       -- dataset version number, 1, 2, 3... one per committed write
    created_at  TIMESTAMPTZ NOT NULL,      -- when the write committed
    kind        VARCHAR NOT NULL,          -- what wrote it: ingest, reextract, review, api
    description VARCHAR,                   -- human-readable summary of the change
    run_id      INTEGER                    -- extraction run that produced it, when there was one
);

CREATE TABLE IF NOT EXISTS extraction_runs (
    run_id            INTEGER PRIMARY KEY, -- extraction run number
    extractor_version VARCHAR NOT NULL,    -- service.extract.EXTRACTOR_VERSION that ran
    kind              VARCHAR NOT NULL,    -- ingest, reextract or api
    started_at        TIMESTAMPTZ NOT NULL,-- when the run began
    finished_at       TIMESTAMPTZ,         -- when its last write committed
    articles          INTEGER NOT NULL DEFAULT 0, -- articles extracted in the run
    figures           INTEGER NOT NULL DEFAULT 0, -- figures written by the run
    origin            VARCHAR              -- command line or API route that started it
);

CREATE TABLE IF NOT EXISTS articles (
    article_id       VARCHAR NOT NULL,     -- stable article id (file stem, JSONL id, or derived from URL/content)
    revision         INTEGER NOT NULL,     -- 1 for the first content seen under this id, +1 per changed content
    source           VARCHAR,              -- publisher or feed as given ("The Irrawaddy")
    url              VARCHAR,              -- canonical URL when known
    title            VARCHAR,              -- headline as given or taken from the text
    published        DATE,                 -- publication date (NULL when nothing gives one)
    published_method VARCHAR NOT NULL,     -- how published was obtained: metadata, stated (in the text), estimated (from dates the text mentions), unknown
    text             VARCHAR NOT NULL,     -- original text exactly as read (after decoding and HTML-to-text)
    extraction_text  VARCHAR NOT NULL,     -- text the extractor read when stored as such (older rows); '' when it is text with the blanked spans blanked (blanked_text(text, blanked) in the views)
    content_hash     VARCHAR NOT NULL,     -- sha256 hex of text; same hash again is a no-op
    ingested_at      TIMESTAMPTZ NOT NULL, -- when this revision was stored
    origin_path      VARCHAR,              -- file (and line, for JSONL) or API route it came from
    synthetic        BOOLEAN NOT NULL DEFAULT false, -- generated for benchmarks; never real reporting
    version_from     INTEGER NOT NULL,     -- dataset version this revision appeared in
    version_to       INTEGER,              -- dataset version that superseded it (NULL while current)
    blanked          INTEGER[][],          -- [start, end) character spans of boilerplate blanked (spaces, newlines kept) to make the extraction text, which keeps the length so offsets index both
    PRIMARY KEY (article_id, revision)
);
CREATE INDEX IF NOT EXISTS articles_hash_idx ON articles (content_hash);

CREATE SEQUENCE IF NOT EXISTS figures_row_seq;

CREATE TABLE IF NOT EXISTS figures (
    row_id           BIGINT PRIMARY KEY,   -- this row (one extraction of one figure); internal
    figure_key       VARCHAR NOT NULL,     -- stable public id: hash of article id, span and metric; survives re-extraction, reviews attach to it
    article_id       VARCHAR NOT NULL,     -- article the figure was read from
    article_revision INTEGER NOT NULL,     -- revision of that article
    run_id           INTEGER NOT NULL,     -- extraction run that produced the row
    extractor_version VARCHAR NOT NULL,    -- extractor version that produced the row
    metric           VARCHAR NOT NULL,     -- metric name (see the metrics table)
    value            BIGINT NOT NULL,      -- best single number ("more than 90" is 90)
    low              BIGINT,               -- lower bound when the text gives or implies one ("more than 90": 91)
    high             BIGINT,               -- upper bound when the text gives or implies one ("up to 30": 30)
    qualifier        VARCHAR,              -- quantifier as normalised: more than, at least, about, up to, nearly, between...
    vague            BOOLEAN NOT NULL,     -- a vague amount ("dozens") with conservative bounds, never exact
    unit             VARCHAR NOT NULL,     -- people or households
    group_text       VARCHAR,              -- who was affected, as written
    group_class      VARCHAR NOT NULL,     -- civilians, children, state_forces, non_state_armed_group, unknown
    perpetrator      VARCHAR,              -- who did it, as written, when stated
    location         VARCHAR,              -- place as written (or inherited from context)
    country          VARCHAR,              -- ISO 3166-1 alpha-2
    admin1           VARCHAR,              -- ISO 3166-2 code of the first-level unit
    admin1_pcode     VARCHAR,              -- OCHA/MIMU p-code of the state/region (Myanmar)
    place_code       VARCHAR,              -- most precise place code known (p-code, ISO 3166-2 or ISO 3166-1); see places
    place_path       VARCHAR,              -- places.path of place_code, copied at write time so place filters need no join
    township         VARCHAR,              -- township or town named by the text
    lat              DOUBLE,               -- latitude of the most precise place (WGS84)
    lon              DOUBLE,               -- longitude of the most precise place (WGS84)
    event_date_start DATE,                 -- first day of the event interval
    event_date_end   DATE,                 -- last day of the event interval
    date_precision   VARCHAR,              -- day, week, month, quarter, year, range; NULL when undated
    date_text        VARCHAR,              -- the date expression as written
    cumulative       BOOLEAN NOT NULL,     -- a running total ("since the coup"): never summed
    since            VARCHAR,              -- start of a cumulative total, as written
    as_of            DATE,                 -- as-of date of a total when stated
    claimed_by       VARCHAR,              -- attribution as written ("the UN", "Karen groups")
    quote            VARCHAR NOT NULL,     -- extraction_text[char_start:char_end]
    char_start       INTEGER NOT NULL,     -- start offset (characters, 0-based) into the article text
    char_end         INTEGER NOT NULL,     -- end offset (exclusive)
    sentence_start   INTEGER NOT NULL,     -- start offset of the sentence holding the figure
    sentence_end     INTEGER NOT NULL,     -- end offset of that sentence
    number_start     INTEGER,              -- start offset of the number expression
    number_end       INTEGER,              -- end offset of the number expression
    number_text      VARCHAR,              -- the number expression as written ("more than 90")
    confidence       DOUBLE NOT NULL,      -- 0..1, how sure the extraction rules are
    synthetic        BOOLEAN NOT NULL DEFAULT false, -- generated for benchmarks; never served as real data
    version_from     INTEGER NOT NULL,     -- dataset version the row appeared in
    version_to       INTEGER,              -- dataset version that superseded it (NULL while current)
    relation         VARCHAR DEFAULT 'independent', -- independent, restates, part_of or adds_to another figure of the article; only independent claims and increments count in a flow series
    related_to       VARCHAR,              -- figure_key of the figure it restates, is part of, or adds to
    implied          BOOLEAN DEFAULT false, -- the count is implied by a noun phrase ("a civilian was killed" is 1)
    cause            VARCHAR DEFAULT 'conflict', -- conflict, disaster, accident or illness; only conflict figures count in a series
    disputed         BOOLEAN DEFAULT false -- the text says another party denies the claim or has not confirmed it; a series counts it as 0 to value
);
CREATE INDEX IF NOT EXISTS figures_key_idx ON figures (figure_key);
CREATE INDEX IF NOT EXISTS figures_article_idx ON figures (article_id);

CREATE TABLE IF NOT EXISTS reviews (
    review_id        INTEGER PRIMARY KEY,  -- review number (audit trail order)
    figure_key       VARCHAR NOT NULL,     -- figure reviewed (stable key, survives re-extraction)
    action           VARCHAR NOT NULL,     -- confirm, reject or correct
    metric           VARCHAR,              -- corrected metric (correct only)
    value            BIGINT,               -- corrected value (correct only)
    low              BIGINT,               -- corrected lower bound (correct only)
    high             BIGINT,               -- corrected upper bound (correct only)
    place_code       VARCHAR,              -- corrected place code (correct only)
    event_date_start DATE,                 -- corrected event start (correct only)
    event_date_end   DATE,                 -- corrected event end (correct only)
    note             VARCHAR,              -- reviewer's reason
    reviewer         VARCHAR,              -- who reviewed, as given
    created_at       TIMESTAMPTZ NOT NULL, -- when the review was recorded
    version          INTEGER NOT NULL      -- dataset version the review appeared in
);
CREATE INDEX IF NOT EXISTS reviews_key_idx ON reviews (figure_key);

CREATE TABLE IF NOT EXISTS places (
    code         VARCHAR PRIMARY KEY,      -- place code: MIMU p-code (MMR...), ISO 3166-2, ISO 3166-1 alpha-2, GN:<geonameid>
    name         VARCHAR NOT NULL,         -- canonical English name
    level        VARCHAR NOT NULL,         -- country, admin1, district, township, town
    country      VARCHAR NOT NULL,         -- ISO 3166-1 alpha-2
    admin1       VARCHAR,                  -- ISO 3166-2 of the first-level unit containing it
    admin1_pcode VARCHAR,                  -- MIMU state/region p-code (Myanmar)
    parent_code  VARCHAR,                  -- code of the next level up
    path         VARCHAR NOT NULL,         -- ancestor codes joined by "/", itself last: prefix match selects a unit and all below it
    lat          DOUBLE,                   -- latitude (WGS84)
    lon          DOUBLE,                   -- longitude (WGS84)
    aliases      VARCHAR[]                 -- other names it goes by
);

CREATE TABLE IF NOT EXISTS metrics (
    name       VARCHAR PRIMARY KEY,        -- metric name used in figures.metric
    label      VARCHAR NOT NULL,           -- display label
    definition VARCHAR NOT NULL,           -- what it counts
    hxl        VARCHAR NOT NULL,           -- HXL hashtag with attributes
    kind       VARCHAR NOT NULL,           -- flow (per incident, summed per period) or stock (head-count, never summed)
    unit       VARCHAR NOT NULL            -- people
);
