-- The agencies a dossier was handed over from (liên thông): they keep seeing
-- the dossiers they handled. Comma-separated agency codes.
ALTER TABLE dossiers ADD COLUMN agencies_involved TEXT NOT NULL DEFAULT '';
