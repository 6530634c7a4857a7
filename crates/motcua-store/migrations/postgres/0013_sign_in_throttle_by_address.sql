-- Sign-ins are slowed per network address and per account tried from that
-- address, never locked for everyone: each failure keeps where it came from.
-- Failures stay until the account's owner signs in (then they are summed up
-- for the owner, in sign_in_notices) or for at most thirty days.
ALTER TABLE sign_in_failures ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, failed_at);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (failed_at);

-- What an account's owner is told after signing in: how many sign-ins to
-- the account failed between the previous sign-in and this one, and the last.
CREATE TABLE sign_in_notices (
    account        TEXT PRIMARY KEY,
    signed_in_at   TEXT NOT NULL,
    failures       BIGINT NOT NULL,
    last_address   TEXT,
    last_failed_at TEXT
);
