-- Dossiers, their hash-chained history, applicants' accounts and documents.
-- Every table of dossier data carries the province code in its key, so the
-- schema can later be distributed by province.

CREATE TABLE citizens (
    id             TEXT PRIMARY KEY,
    personal_id    TEXT NOT NULL UNIQUE,
    full_name      TEXT NOT NULL,
    phone          TEXT NOT NULL,
    email          TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    account_kind  TEXT NOT NULL,
    account_id    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL
);

CREATE TABLE dossiers (
    province_code          TEXT    NOT NULL,
    id                     TEXT    NOT NULL,
    code                   TEXT,
    procedure_code         TEXT    NOT NULL,
    procedure_version      INTEGER NOT NULL,
    case_code              TEXT    NOT NULL,
    applicant_id           TEXT    NOT NULL,
    applicant_personal_id  TEXT    NOT NULL,
    applicant_name         TEXT    NOT NULL,
    applicant_phone        TEXT    NOT NULL,
    applicant_email        TEXT    NOT NULL,
    applicant_address      TEXT    NOT NULL,
    submitter_kind         TEXT    NOT NULL,
    submitter_account      TEXT    NOT NULL,
    channel                TEXT    NOT NULL,
    service_point          TEXT    NOT NULL,
    service_point_unit     TEXT    NOT NULL,
    competent_agency       TEXT    NOT NULL,
    competent_unit         TEXT    NOT NULL,
    form_data              TEXT    NOT NULL,
    delivery               TEXT    NOT NULL,
    fee_dong               INTEGER NOT NULL,
    processing_amount      REAL    NOT NULL,
    processing_unit        TEXT    NOT NULL,
    status                 TEXT    NOT NULL,
    step                   TEXT    NOT NULL,
    supplement_requests    INTEGER NOT NULL,
    resume_to              TEXT,
    submitted_at           TEXT    NOT NULL,
    received_at            TEXT,
    due_at                 TEXT,
    paused_at              TEXT,
    step_started_at        TEXT    NOT NULL,
    step_due_at            TEXT,
    resolved_at            TEXT,
    returned_at            TEXT,
    result_document        TEXT,
    tracking_number        TEXT,
    late                   INTEGER NOT NULL,
    event_count            INTEGER NOT NULL,
    last_hash              TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    PRIMARY KEY (province_code, id)
);
CREATE UNIQUE INDEX dossiers_by_code ON dossiers (province_code, code);
CREATE INDEX dossiers_by_code_alone ON dossiers (code);
CREATE INDEX dossiers_by_id ON dossiers (id);
CREATE INDEX dossiers_by_applicant ON dossiers (applicant_id);
CREATE INDEX dossiers_by_submitter ON dossiers (submitter_account);
CREATE INDEX dossiers_by_service_point ON dossiers (service_point, status);
CREATE INDEX dossiers_by_agency ON dossiers (competent_agency, status);

CREATE TABLE dossier_events (
    province_code  TEXT    NOT NULL,
    dossier_id     TEXT    NOT NULL,
    sequence       INTEGER NOT NULL,
    at             TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    service_point  TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    from_status    TEXT    NOT NULL,
    to_status      TEXT    NOT NULL,
    from_step      TEXT    NOT NULL,
    to_step        TEXT    NOT NULL,
    handed_to      TEXT    NOT NULL,
    timeliness     TEXT    NOT NULL,
    note           TEXT    NOT NULL,
    data           TEXT    NOT NULL,
    hash           TEXT    NOT NULL,
    PRIMARY KEY (province_code, dossier_id, sequence)
);

-- The last sequence number given to an agency's dossiers on a day.
CREATE TABLE dossier_sequences (
    province_code  TEXT    NOT NULL,
    agency_code    TEXT    NOT NULL,
    day            TEXT    NOT NULL,
    last           INTEGER NOT NULL,
    PRIMARY KEY (province_code, agency_code, day)
);

-- A creating request's Idempotency-Key, kept with what it created.
CREATE TABLE idempotency_keys (
    account_id     TEXT NOT NULL,
    key            TEXT NOT NULL,
    request_hash   TEXT NOT NULL,
    province_code  TEXT NOT NULL,
    dossier_id     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    PRIMARY KEY (account_id, key)
);
