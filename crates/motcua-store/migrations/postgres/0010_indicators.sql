-- The running tally of the indicators (DOMAIN §7), kept in the transaction
-- of every dossier change. `dossier_measures` holds what the measures need of
-- each received dossier (its facts) and where it counts; `indicator_days` and
-- `indicator_months` add those facts up per day (yyyymmdd, Vietnam time) or
-- month (yyyymm), unit, agency, service point, procedure and channel, on the
-- day a dossier was received and the day it was resolved. A change takes the
-- dossier's old facts out of the cells and puts the new ones in.

CREATE TABLE dossier_measures (
    province_code        TEXT   NOT NULL,
    dossier_id           TEXT   NOT NULL,
    unit_code            TEXT   NOT NULL,
    agency               TEXT   NOT NULL,
    service_point        TEXT   NOT NULL,
    procedure_code       TEXT   NOT NULL,
    channel              TEXT   NOT NULL,
    received_at          TEXT   NOT NULL,
    due_at               TEXT,
    resolved_at          TEXT,
    online               BIGINT NOT NULL,
    supplement_requests  BIGINT NOT NULL,
    fee_bearing          BIGINT NOT NULL,
    paid_online          BIGINT NOT NULL,
    components           BIGINT NOT NULL,
    digitised            BIGINT NOT NULL,
    reused               BIGINT NOT NULL,
    electronic_result    BIGINT NOT NULL,
    rating               TEXT   NOT NULL,
    PRIMARY KEY (province_code, dossier_id)
);
-- The dossiers open now, and those resolved after a period's end: together
-- the dossiers still open at that end.
CREATE INDEX dossier_measures_open ON dossier_measures (province_code, due_at) WHERE resolved_at IS NULL;
CREATE INDEX dossier_measures_by_resolution ON dossier_measures (province_code, resolved_at);
CREATE INDEX dossier_measures_by_receipt ON dossier_measures (province_code, received_at);

CREATE TABLE indicator_days (
    province_code   TEXT   NOT NULL,
    day             BIGINT NOT NULL,
    unit_code       TEXT   NOT NULL,
    agency          TEXT   NOT NULL,
    service_point   TEXT   NOT NULL,
    procedure_code  TEXT   NOT NULL,
    channel         TEXT   NOT NULL,
    received        BIGINT NOT NULL,
    online          BIGINT NOT NULL,
    fee_bearing     BIGINT NOT NULL,
    paid_online     BIGINT NOT NULL,
    digitised       BIGINT NOT NULL,
    components      BIGINT NOT NULL,
    reused          BIGINT NOT NULL,
    resolved        BIGINT NOT NULL,
    resolved_late   BIGINT NOT NULL,
    e_result        BIGINT NOT NULL,
    satisfied       BIGINT NOT NULL,
    PRIMARY KEY (province_code, day, unit_code, agency, service_point, procedure_code, channel)
);
CREATE INDEX indicator_days_by_day ON indicator_days (day);

CREATE TABLE indicator_months (
    province_code   TEXT   NOT NULL,
    month           BIGINT NOT NULL,
    unit_code       TEXT   NOT NULL,
    agency          TEXT   NOT NULL,
    service_point   TEXT   NOT NULL,
    procedure_code  TEXT   NOT NULL,
    channel         TEXT   NOT NULL,
    received        BIGINT NOT NULL,
    online          BIGINT NOT NULL,
    fee_bearing     BIGINT NOT NULL,
    paid_online     BIGINT NOT NULL,
    digitised       BIGINT NOT NULL,
    components      BIGINT NOT NULL,
    reused          BIGINT NOT NULL,
    resolved        BIGINT NOT NULL,
    resolved_late   BIGINT NOT NULL,
    e_result        BIGINT NOT NULL,
    satisfied       BIGINT NOT NULL,
    PRIMARY KEY (province_code, month, unit_code, agency, service_point, procedure_code, channel)
);
CREATE INDEX indicator_months_by_month ON indicator_months (month);

-- The Decision 766 index: its indicators with the points and target an
-- administrator may change, and the measure each is computed from (empty
-- where motcua does not hold the data).
CREATE TABLE index766_indicators (
    number      BIGINT PRIMARY KEY,
    group_name  TEXT   NOT NULL,
    name        TEXT   NOT NULL,
    code        TEXT   NOT NULL,
    max_points  DOUBLE PRECISION NOT NULL,
    target      DOUBLE PRECISION NOT NULL,
    measure     TEXT   NOT NULL,
    updated_by  TEXT   NOT NULL,
    updated_at  TEXT   NOT NULL
);
