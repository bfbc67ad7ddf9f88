-- Guard rails: an experiment can stop itself when a guardrail metric is significantly worse or the sample ratio is
-- off; the latest alert is kept with the experiment (and every alert is in the audit log).
ALTER TABLE personalization.experiment ADD COLUMN auto_stop BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE personalization.experiment ADD COLUMN alert TEXT;
ALTER TABLE personalization.experiment ADD COLUMN alert_at TIMESTAMPTZ;
