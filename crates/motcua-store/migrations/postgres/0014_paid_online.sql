-- Whether the applicant paid through the payment service: a fact of the
-- dossier itself, set by the payment that made it, so the measures no longer
-- count payment events by role. Dossiers paid before this column existed are
-- those with a payment recorded by the applicant.
ALTER TABLE dossiers ADD COLUMN paid_online INTEGER NOT NULL DEFAULT 0;
UPDATE dossiers SET paid_online = 1
WHERE EXISTS (
    SELECT 1 FROM dossier_events e
    WHERE e.province_code = dossiers.province_code AND e.dossier_id = dossiers.id
      AND e.action = 'pay' AND e.role = 'applicant'
);
