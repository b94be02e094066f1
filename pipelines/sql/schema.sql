-- Warehouse schema. Documented for analysts in data/warehouse/README.md.
CREATE TABLE sources (
    source_id      VARCHAR PRIMARY KEY,
    title_nl       VARCHAR NOT NULL,
    title_en       VARCHAR NOT NULL,
    publisher      VARCHAR NOT NULL,
    licence        VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,
    attribution    VARCHAR,
    period_covered VARCHAR,
    caveats        VARCHAR,
    snapshot       VARCHAR,
    retrieved_at   VARCHAR,
    origin         VARCHAR,
    live_verified  BOOLEAN NOT NULL
);

CREATE TABLE indicators (
    indicator_id  VARCHAR PRIMARY KEY,
    source_id     VARCHAR NOT NULL,
    name_nl       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    definition_nl VARCHAR NOT NULL,
    definition_en VARCHAR NOT NULL,
    unit          VARCHAR NOT NULL,
    direction     VARCHAR NOT NULL,
    period_type   VARCHAR NOT NULL,
    numerator     VARCHAR,
    denominator   VARCHAR,
    notes         VARCHAR,
    concept       VARCHAR,
    period_kind   VARCHAR NOT NULL
);

CREATE TABLE geographies (
    geo_code    VARCHAR PRIMARY KEY,
    level       VARCHAR NOT NULL,
    parent_code VARCHAR,
    name_nl     VARCHAR NOT NULL,
    name_fr     VARCHAR,
    name_en     VARCHAR,
    nuts_code   VARCHAR,
    source_id   VARCHAR NOT NULL
);

CREATE TABLE observations (
    indicator_id    VARCHAR NOT NULL,
    geo_code        VARCHAR NOT NULL,
    period          VARCHAR NOT NULL,
    ref_date        DATE NOT NULL,
    breakdown       VARCHAR NOT NULL,
    breakdown_value VARCHAR NOT NULL,
    value           DOUBLE,
    status          VARCHAR,
    source_id       VARCHAR NOT NULL
);

CREATE TABLE breakdowns (
    breakdown       VARCHAR NOT NULL,
    breakdown_value VARCHAR NOT NULL,
    label_nl        VARCHAR NOT NULL,
    label_en        VARCHAR NOT NULL,
    sort_order      INTEGER NOT NULL,
    source_id       VARCHAR NOT NULL,
    PRIMARY KEY (breakdown, breakdown_value)
);

CREATE TABLE load_log (
    build_id    VARCHAR NOT NULL,
    source_id   VARCHAR NOT NULL,
    snapshot    VARCHAR,
    status      VARCHAR NOT NULL,   -- loaded | carried_over
    rows        BIGINT NOT NULL,
    warnings    VARCHAR,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    message     VARCHAR
);

-- Each source's publisher release rhythm as declared in its module (pipelines/freshness.py), so the
-- dashboard and the meeting brief can say when new figures are due without importing the sources.
CREATE TABLE release_rhythms (
    source_id  VARCHAR PRIMARY KEY,
    frequency  VARCHAR NOT NULL,   -- monthly | quarterly | yearly | irregular | closed
    lag_days   INTEGER NOT NULL,   -- usual days from a period's ref_date to its release
    grace_days INTEGER NOT NULL    -- how late before it counts as overdue
);

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Map boundaries (WGS84 GeoJSON geometry per area and boundary vintage), from sources' optional shapes().
CREATE TABLE geo_shapes (
    geo_code  VARCHAR NOT NULL,
    level     VARCHAR NOT NULL,
    vintage   VARCHAR NOT NULL,
    geometry  VARCHAR NOT NULL,
    source_id VARCHAR NOT NULL,
    PRIMARY KEY (geo_code, vintage)
);

-- Coverage summaries computed at the end of every build from pipelines/sql/summaries/<table>.sql,
-- so pages never scan all observations to list indicators, areas or periods (see benchmarks/run.py).
CREATE TABLE indicator_coverage (
    indicator_id VARCHAR PRIMARY KEY,
    first_period VARCHAR,
    last_period  VARCHAR,
    n_rows       BIGINT NOT NULL,
    n_values     BIGINT NOT NULL,
    n_geos       BIGINT NOT NULL
);

CREATE TABLE source_coverage (
    source_id    VARCHAR PRIMARY KEY,
    first_period VARCHAR,
    last_period  VARCHAR,
    n_rows       BIGINT NOT NULL,
    latest_period VARCHAR,  -- the period of the latest reference date with a value (freshness)
    latest_ref    DATE
);

CREATE TABLE geo_coverage (
    indicator_id      VARCHAR NOT NULL,
    geo_code          VARCHAR NOT NULL,
    n_values          BIGINT NOT NULL,  -- non-NULL values, any breakdown or period
    last_total_period VARCHAR,          -- latest period with a non-NULL total
    last_total_value  DOUBLE,
    PRIMARY KEY (indicator_id, geo_code)
);

CREATE TABLE indicator_breakdowns (
    indicator_id    VARCHAR NOT NULL,
    breakdown       VARCHAR NOT NULL,
    breakdown_value VARCHAR NOT NULL,
    has_value       BOOLEAN NOT NULL,   -- at least one non-NULL value in that category
    PRIMARY KEY (indicator_id, breakdown, breakdown_value)
);

CREATE TABLE indicator_periods (
    indicator_id VARCHAR NOT NULL,
    period       VARCHAR NOT NULL,
    has_value    BOOLEAN NOT NULL,      -- at least one non-NULL value in that period
    PRIMARY KEY (indicator_id, period)
);

-- Per-observation provenance: the page each figure was read from (one row per page quoting it),
-- from sources' optional observation_notes(). Joins observations on the five key columns.
CREATE TABLE observation_notes (
    indicator_id    VARCHAR NOT NULL,
    geo_code        VARCHAR NOT NULL,
    period          VARCHAR NOT NULL,
    breakdown       VARCHAR NOT NULL,
    breakdown_value VARCHAR NOT NULL,
    source_id       VARCHAR NOT NULL,
    url             VARCHAR NOT NULL,
    title           VARCHAR,
    publisher       VARCHAR,
    note            VARCHAR
);

-- Periods per indicator as each build left them, kept across builds like load_log, so the meeting
-- brief (dashboard/brief) can tell what was loaded on a past date without keeping old warehouses.
CREATE TABLE coverage_history (
    build_id     VARCHAR NOT NULL,
    built_at     TIMESTAMP NOT NULL,
    source_id    VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    first_period VARCHAR,
    last_period  VARCHAR,
    n_rows       BIGINT NOT NULL,
    n_values     BIGINT NOT NULL
);

-- Named occupations of published lists (VDAB's knelpuntberoepen: top lists, new on / removed from the list),
-- from sources' optional occupation_lists(). Not observations: a rank or a name is not a number to chart.
CREATE TABLE occupation_lists (
    source_id          VARCHAR NOT NULL,
    list_name          VARCHAR NOT NULL,   -- knelpuntberoepen
    list_year          VARCHAR NOT NULL,   -- the list year as the publisher names it
    geo_code           VARCHAR NOT NULL,   -- the area the list covers (02000 = Flanders)
    item_kind          VARCHAR NOT NULL,   -- top | new | removed
    sublist            VARCHAR NOT NULL,   -- '' or a sub-list the publisher ranked separately
    rank               INTEGER,            -- NULL when the page gives no single rank
    rank_as_published  VARCHAR,            -- e.g. '4-5'
    item_order         INTEGER NOT NULL,   -- the order the page named the items in (within year and kind)
    occupation_nl      VARCHAR NOT NULL,
    occupation_en      VARCHAR NOT NULL,
    name_language      VARCHAR NOT NULL,   -- nl | en: the language the page published; the other name is ours
    cause_as_published VARCHAR,
    value              DOUBLE,
    unit_as_published  VARCHAR,
    url                VARCHAR NOT NULL,
    publisher          VARCHAR NOT NULL,
    quote              VARCHAR NOT NULL
);

-- Dated statements (quotes with publisher and link) shown as context, never as a series, from sources'
-- optional statements().
CREATE TABLE published_statements (
    statement_id       VARCHAR PRIMARY KEY,
    source_id          VARCHAR NOT NULL,
    topic              VARCHAR NOT NULL,   -- regional | vacancy_share
    period             VARCHAR NOT NULL,   -- year of the page or of the period it describes
    geo_code           VARCHAR,            -- NULL for an area without an official code (e.g. 'Gentse regio')
    geography_nl       VARCHAR NOT NULL,
    geography_en       VARCHAR NOT NULL,
    quote              VARCHAR NOT NULL,   -- verbatim
    quote_language     VARCHAR NOT NULL,
    quote_nl           VARCHAR NOT NULL,   -- the quote, or our translation when quote_language is not nl
    quote_en           VARCHAR NOT NULL,   -- the quote, or our translation when quote_language is not en
    value_as_published VARCHAR,
    unit_as_published  VARCHAR,
    url                VARCHAR NOT NULL,
    publisher          VARCHAR NOT NULL
);
