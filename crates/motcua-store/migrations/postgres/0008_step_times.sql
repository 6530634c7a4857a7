-- The workflow of a procedure as a unit runs it: how many working hours the
-- specialists' review and the leader's approval may each take. Hand-overs are
-- judged early, on time or late against these when they are set.
ALTER TABLE procedure_settings ADD COLUMN review_hours DOUBLE PRECISION;
ALTER TABLE procedure_settings ADD COLUMN approval_hours DOUBLE PRECISION;
