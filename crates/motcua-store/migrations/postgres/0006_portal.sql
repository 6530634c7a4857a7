-- What the citizen portal keeps besides dossiers: submission drafts,
-- one-time password-reset links, the outbox of messages to applicants, and
-- satisfaction ratings.

-- A submission in progress, resumable later. `data` is the wizard's answers
-- as JSON; `dossier_id` is set once it was submitted (the draft's id is the
-- submission's idempotency key, so submitting twice makes one dossier).
CREATE TABLE drafts (
    id              TEXT PRIMARY KEY,
    account_id      TEXT NOT NULL,
    procedure_code  TEXT NOT NULL,
    data            TEXT NOT NULL,
    dossier_id      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX drafts_by_account ON drafts (account_id, updated_at);

-- Only the hash of a reset token is stored; a token works once, until it expires.
CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    citizen_id  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

-- Messages are written in the same transaction as what caused them and sent
-- afterwards by the notifier, so a crash neither loses nor invents one.
CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    channel     TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    sent_at     TEXT
);
CREATE INDEX notifications_unsent ON notifications (sent_at, created_at);

-- One rating per dossier, by its applicant, after the result was returned.
CREATE TABLE ratings (
    province_code  TEXT NOT NULL,
    dossier_id     TEXT NOT NULL,
    rating         TEXT NOT NULL,
    comment        TEXT NOT NULL,
    rated_by       TEXT NOT NULL,
    rated_at       TEXT NOT NULL,
    PRIMARY KEY (province_code, dossier_id)
);
