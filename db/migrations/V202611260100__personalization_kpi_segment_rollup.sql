-- Dashboard KPIs by segment (issue 9, bias and quality): the same counters as kpi_rollup, per segment the person was in
-- when the event arrived ('(none)' for persons in no segment). A person in two segments counts in both, so segment rows
-- do not add up to the totals; only events of persons with a profile (analytics consent) are counted here.
CREATE TABLE personalization.kpi_segment_rollup (LIKE personalization.kpi_rollup INCLUDING DEFAULTS);
ALTER TABLE personalization.kpi_segment_rollup ADD COLUMN segment TEXT NOT NULL;
ALTER TABLE personalization.kpi_segment_rollup ADD PRIMARY KEY (site_id, bucket, segment, device, locale);
