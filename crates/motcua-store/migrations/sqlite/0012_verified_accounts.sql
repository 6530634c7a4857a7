-- An online account only claims an identification number until an officer
-- has checked the holder's card at a counter: several unverified accounts
-- may claim one number, but only one account can hold it verified.
-- SQLite cannot drop a column constraint, so the table is rebuilt.

CREATE TABLE citizens_verified (
    id                  TEXT PRIMARY KEY,
    personal_id         TEXT NOT NULL,
    full_name           TEXT NOT NULL,
    phone               TEXT NOT NULL,
    email               TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    verified_at         TEXT,
    verified_by         TEXT NOT NULL DEFAULT '',
    verified_at_point   TEXT NOT NULL DEFAULT ''
);
INSERT INTO citizens_verified (id, personal_id, full_name, phone, email, password_hash, created_at)
    SELECT id, personal_id, full_name, phone, email, password_hash, created_at FROM citizens;
DROP TABLE citizens;
ALTER TABLE citizens_verified RENAME TO citizens;
CREATE INDEX citizens_by_personal_id ON citizens (personal_id);
CREATE UNIQUE INDEX citizens_verified_number ON citizens (personal_id) WHERE verified_at IS NOT NULL;

-- What happened to an account that its owner should be able to see:
-- verification at a counter, and by whom.
CREATE TABLE account_events (
    account_id     TEXT NOT NULL,
    occurred_at    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    actor          TEXT NOT NULL,
    service_point  TEXT NOT NULL,
    note           TEXT NOT NULL
);
CREATE INDEX account_events_by_account ON account_events (account_id, occurred_at);
