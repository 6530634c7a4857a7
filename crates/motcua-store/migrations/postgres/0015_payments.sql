-- Paying online: a dossier's charges item by item, the payment orders sent
-- to gateways, the calls to gateways waiting to be made (refunds), and the
-- gateways' statements imported for reconciliation.

-- The charges as JSON (the catalogue's fees, amounts requested later, agents'
-- service fees; each paid, exempted or owed). A dossier stored before this
-- column existed is charged its one fee, paid if its history has a payment.
ALTER TABLE dossiers ADD COLUMN charges TEXT NOT NULL DEFAULT '[]';
UPDATE dossiers SET charges = '[{"kind":"fee","description":"","amount_dong":' || fee_dong || ',"paid_by":"history"}]'
WHERE fee_dong > 0 AND EXISTS (
    SELECT 1 FROM dossier_events e
    WHERE e.province_code = dossiers.province_code AND e.dossier_id = dossiers.id AND e.action = 'pay'
);
UPDATE dossiers SET charges = '[{"kind":"fee","description":"","amount_dong":' || fee_dong || '}]'
WHERE fee_dong > 0 AND charges = '[]';

CREATE TABLE payment_orders (
    id              TEXT    NOT NULL PRIMARY KEY,
    province_code   TEXT    NOT NULL,
    dossier_id      TEXT    NOT NULL,
    payer_account   TEXT    NOT NULL,
    gateway         TEXT    NOT NULL,
    amount_dong     INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    expires_at      TEXT    NOT NULL,
    settled_at      TEXT,
    transaction_no  TEXT    NOT NULL,
    bank_code       TEXT    NOT NULL,
    response_code   TEXT    NOT NULL,
    flag            TEXT,
    refund_status   TEXT    NOT NULL DEFAULT '',
    refund_amount   INTEGER NOT NULL DEFAULT 0,
    refund_reason   TEXT    NOT NULL DEFAULT '',
    refunded_at     TEXT,
    refund_transaction_no TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payment_orders_by_dossier ON payment_orders (province_code, dossier_id);
CREATE INDEX payment_orders_by_settlement ON payment_orders (settled_at);

-- Calls to a gateway that a change decided on (a refund), made afterwards by
-- a worker with retries: written in the change's own transaction, so a crash
-- loses none, and leased while made, so none is made twice at once.
CREATE TABLE payment_calls (
    id               TEXT    NOT NULL PRIMARY KEY,
    order_id         TEXT    NOT NULL,
    kind             TEXT    NOT NULL,
    amount_dong      INTEGER NOT NULL,
    reason           TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT    NOT NULL,
    leased_until     TEXT,
    done_at          TEXT,
    last_error       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX payment_calls_due ON payment_calls (done_at, next_attempt_at);

-- A gateway's statement of transactions, imported to reconcile against the
-- orders: one line per transaction it reports.
CREATE TABLE gateway_statement_lines (
    gateway         TEXT    NOT NULL,
    order_id        TEXT    NOT NULL,
    transaction_no  TEXT    NOT NULL,
    amount_dong     INTEGER NOT NULL,
    paid_at         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    imported_at     TEXT    NOT NULL,
    PRIMARY KEY (gateway, order_id, transaction_no)
);
CREATE INDEX gateway_statement_lines_by_day ON gateway_statement_lines (paid_at);
