-- Coarse copies of the indicator cells, without the service point and the
-- procedure (kept as ''), per province, day or month, unit, agency and channel:
-- what most figures ask, from a few hundred times fewer rows. Filled from the
-- fine cells here; kept in the same transactions as them afterwards.

CREATE TABLE indicator_agency_days (
    province_code   TEXT   NOT NULL,
    day             INTEGER NOT NULL,
    unit_code       TEXT   NOT NULL,
    agency          TEXT   NOT NULL,
    service_point   TEXT   NOT NULL,
    procedure_code  TEXT   NOT NULL,
    channel         TEXT   NOT NULL,
    received        INTEGER NOT NULL,
    online          INTEGER NOT NULL,
    fee_bearing     INTEGER NOT NULL,
    paid_online     INTEGER NOT NULL,
    digitised       INTEGER NOT NULL,
    components      INTEGER NOT NULL,
    reused          INTEGER NOT NULL,
    resolved        INTEGER NOT NULL,
    resolved_late   INTEGER NOT NULL,
    e_result        INTEGER NOT NULL,
    satisfied       INTEGER NOT NULL,
    PRIMARY KEY (province_code, day, unit_code, agency, service_point, procedure_code, channel)
);
CREATE INDEX indicator_agency_days_by_day ON indicator_agency_days (day);
INSERT INTO indicator_agency_days (province_code, day, unit_code, agency, service_point, procedure_code, channel, received, online, fee_bearing, paid_online, digitised, components, reused, resolved, resolved_late, e_result, satisfied)
SELECT province_code, day, unit_code, agency, '', '', channel, sum(received), sum(online), sum(fee_bearing), sum(paid_online), sum(digitised), sum(components), sum(reused), sum(resolved), sum(resolved_late), sum(e_result), sum(satisfied)
FROM indicator_days GROUP BY province_code, day, unit_code, agency, channel;

CREATE TABLE indicator_agency_months (
    province_code   TEXT   NOT NULL,
    month           INTEGER NOT NULL,
    unit_code       TEXT   NOT NULL,
    agency          TEXT   NOT NULL,
    service_point   TEXT   NOT NULL,
    procedure_code  TEXT   NOT NULL,
    channel         TEXT   NOT NULL,
    received        INTEGER NOT NULL,
    online          INTEGER NOT NULL,
    fee_bearing     INTEGER NOT NULL,
    paid_online     INTEGER NOT NULL,
    digitised       INTEGER NOT NULL,
    components      INTEGER NOT NULL,
    reused          INTEGER NOT NULL,
    resolved        INTEGER NOT NULL,
    resolved_late   INTEGER NOT NULL,
    e_result        INTEGER NOT NULL,
    satisfied       INTEGER NOT NULL,
    PRIMARY KEY (province_code, month, unit_code, agency, service_point, procedure_code, channel)
);
CREATE INDEX indicator_agency_months_by_month ON indicator_agency_months (month);
INSERT INTO indicator_agency_months (province_code, month, unit_code, agency, service_point, procedure_code, channel, received, online, fee_bearing, paid_online, digitised, components, reused, resolved, resolved_late, e_result, satisfied)
SELECT province_code, month, unit_code, agency, '', '', channel, sum(received), sum(online), sum(fee_bearing), sum(paid_online), sum(digitised), sum(components), sum(reused), sum(resolved), sum(resolved_late), sum(e_result), sum(satisfied)
FROM indicator_months GROUP BY province_code, month, unit_code, agency, channel;

-- Dossiers open at a period's end that were resolved after it, found by the
-- resolution instant with what the count needs in the index itself.
DROP INDEX dossier_measures_by_resolution;
CREATE INDEX dossier_measures_by_resolution ON dossier_measures (province_code, resolved_at, received_at, due_at, supplement_requests);
-- The same, and the dossiers open now, for the whole country.
CREATE INDEX dossier_measures_open_all ON dossier_measures (received_at, due_at, supplement_requests) WHERE resolved_at IS NULL;
CREATE INDEX dossier_measures_resolved_at ON dossier_measures (resolved_at, received_at, due_at, supplement_requests);
