-- The orders still pending after they expired, which a worker asks the
-- gateway about (its notification may have been lost): found by status and
-- expiry, without reading every order ever made.
CREATE INDEX payment_orders_pending ON payment_orders (status, expires_at);
