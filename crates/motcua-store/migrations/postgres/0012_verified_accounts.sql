-- An online account only claims an identification number until an officer
-- has checked the holder's card at a counter: several unverified accounts
-- may claim one number, but only one account can hold it verified.

ALTER TABLE citizens DROP CONSTRAINT citizens_personal_id_key;
ALTER TABLE citizens ADD COLUMN verified_at TEXT;
ALTER TABLE citizens ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE citizens ADD COLUMN verified_at_point TEXT NOT NULL DEFAULT '';
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
