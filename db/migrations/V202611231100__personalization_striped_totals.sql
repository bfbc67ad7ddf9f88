-- Exposure and metric totals are updated by every new unit and every counted event; with one row per variant and
-- device, concurrent writers queue on the same row locks. Sixteen stripes per row (chosen by the unit) spread them;
-- reads sum the stripes.
ALTER TABLE personalization.exposure_total ADD COLUMN stripe SMALLINT NOT NULL DEFAULT 0 CHECK (stripe BETWEEN 0 AND 15);
ALTER TABLE personalization.exposure_total DROP CONSTRAINT exposure_total_pkey;
ALTER TABLE personalization.exposure_total ADD PRIMARY KEY (experiment_id, variant, device, stripe);

ALTER TABLE personalization.metric_total ADD COLUMN stripe SMALLINT NOT NULL DEFAULT 0 CHECK (stripe BETWEEN 0 AND 15);
ALTER TABLE personalization.metric_total DROP CONSTRAINT metric_total_pkey;
ALTER TABLE personalization.metric_total ADD PRIMARY KEY (experiment_id, metric, variant, device, stripe);
