-- Failed sign-ins, per account name, to slow down password guessing: after
-- a few failures in a short time, the account cannot be signed in to for a
-- while, whoever tries. Rows older than the window are removed as it moves.
CREATE TABLE sign_in_failures (
    account_key  TEXT NOT NULL,
    failed_at    TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_key ON sign_in_failures (account_key, failed_at);
