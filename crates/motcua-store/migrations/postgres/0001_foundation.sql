-- Foundation: units, agencies, service points, catalogue, calendar, accounts.
-- Dates are TEXT 'YYYY-MM-DD'; instants are TEXT RFC 3339 in UTC with a fixed
-- width, so they sort as text; flags are BIGINT 0/1 (see ARCHITECTURE.md).

CREATE TABLE admin_units (
    code           TEXT    NOT NULL,
    level          TEXT    NOT NULL,
    valid_from     TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    name_folded    TEXT    NOT NULL,
    unit_type      TEXT    NOT NULL,
    province_code  TEXT    NOT NULL,
    latitude       DOUBLE PRECISION,
    longitude      DOUBLE PRECISION,
    area_km2       DOUBLE PRECISION,
    valid_to       TEXT,
    superseded_by  TEXT,
    PRIMARY KEY (code, level, valid_from)
);
CREATE INDEX admin_units_by_province ON admin_units (province_code, level, valid_from);

CREATE TABLE agencies (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    province_code  TEXT NOT NULL
);
CREATE INDEX agencies_by_province ON agencies (province_code);

CREATE TABLE service_points (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    province_code  TEXT NOT NULL,
    address        TEXT NOT NULL,
    latitude       DOUBLE PRECISION,
    longitude      DOUBLE PRECISION,
    working_hours  TEXT NOT NULL,
    session_date   TEXT
);
CREATE INDEX service_points_by_province ON service_points (province_code);

CREATE TABLE procedures (
    code             TEXT PRIMARY KEY,
    name             TEXT    NOT NULL,
    name_folded      TEXT    NOT NULL,
    search_text      TEXT    NOT NULL,
    field_code       TEXT    NOT NULL,
    field_name       TEXT    NOT NULL,
    field_folded     TEXT    NOT NULL,
    level_province   BIGINT NOT NULL,
    level_commune    BIGINT NOT NULL,
    level_ministry   BIGINT NOT NULL,
    level_other      BIGINT NOT NULL,
    full_online      BIGINT NOT NULL,
    boundary_free    BIGINT NOT NULL,
    online           BIGINT NOT NULL,
    has_details      BIGINT NOT NULL,
    agencies         TEXT    NOT NULL,
    keywords         TEXT    NOT NULL,
    current_version  BIGINT,
    updated_at       TEXT    NOT NULL
);

CREATE TABLE procedure_versions (
    code            TEXT    NOT NULL REFERENCES procedures (code),
    version         BIGINT NOT NULL,
    effective_from  TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE calendar_years (
    year        BIGINT PRIMARY KEY,
    source      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE calendar_days (
    day   TEXT    PRIMARY KEY,
    year  BIGINT NOT NULL REFERENCES calendar_years (year),
    kind  TEXT    NOT NULL,
    name  TEXT    NOT NULL
);
CREATE INDEX calendar_days_by_year ON calendar_days (year);

CREATE TABLE officers (
    username       TEXT PRIMARY KEY,
    display_name   TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL,
    scope_kind     TEXT NOT NULL,
    scope_code     TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- The minimal durable insert that `cargo xtask bench` measures (D).
CREATE TABLE bench_writes (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at  TEXT NOT NULL
);
