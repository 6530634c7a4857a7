-- Foundation: units, agencies, service points, catalogue, calendar, accounts.
-- Dates are TEXT 'YYYY-MM-DD'; instants are TEXT RFC 3339 in UTC with a fixed
-- width, so they sort as text; flags are INTEGER 0/1 (see ARCHITECTURE.md).

CREATE TABLE admin_units (
    code           TEXT    NOT NULL,
    level          TEXT    NOT NULL,
    valid_from     TEXT    NOT NULL,
    name           TEXT    NOT NULL,
    name_folded    TEXT    NOT NULL,
    unit_type      TEXT    NOT NULL,
    province_code  TEXT    NOT NULL,
    latitude       REAL,
    longitude      REAL,
    area_km2       REAL,
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
    latitude       REAL,
    longitude      REAL,
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
    level_province   INTEGER NOT NULL,
    level_commune    INTEGER NOT NULL,
    level_ministry   INTEGER NOT NULL,
    level_other      INTEGER NOT NULL,
    full_online      INTEGER NOT NULL,
    boundary_free    INTEGER NOT NULL,
    online           INTEGER NOT NULL,
    has_details      INTEGER NOT NULL,
    agencies         TEXT    NOT NULL,
    keywords         TEXT    NOT NULL,
    current_version  INTEGER,
    updated_at       TEXT    NOT NULL
);

CREATE TABLE procedure_versions (
    code            TEXT    NOT NULL REFERENCES procedures (code),
    version         INTEGER NOT NULL,
    effective_from  TEXT    NOT NULL,
    content_hash    TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    PRIMARY KEY (code, version)
);

CREATE TABLE calendar_years (
    year        INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE calendar_days (
    day   TEXT    PRIMARY KEY,
    year  INTEGER NOT NULL REFERENCES calendar_years (year),
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
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  TEXT NOT NULL
);
