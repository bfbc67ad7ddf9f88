-- Experiments in depth (issue 8): targeting, mutually exclusive layers, a per-site holdout, scheduled start and
-- stop, Thompson-sampling bandits, ratio metrics and CUPED covariates, a device breakdown, and result snapshots
-- for charts over time. Unit counts move from count(*) over assignments to incrementally kept totals.
ALTER TABLE personalization.experiment
    ADD COLUMN mode          TEXT        NOT NULL DEFAULT 'ab' CHECK (mode IN ('ab', 'bandit')),
    ADD COLUMN targeting     JSONB       NOT NULL DEFAULT '{}',
    ADD COLUMN layer         TEXT        CHECK (layer ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
    ADD COLUMN layer_from    INTEGER     CHECK (layer_from BETWEEN 0 AND 99),
    ADD COLUMN start_at      TIMESTAMPTZ,
    ADD COLUMN stop_at       TIMESTAMPTZ,
    -- a bandit's current allocation, basis points per variant in variant order (null: the defined weights)
    ADD COLUMN live_weights  JSONB,
    ADD COLUMN weights_at    TIMESTAMPTZ,
    ADD COLUMN updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD CONSTRAINT experiment_layer_range CHECK (layer IS NULL OR (layer_from IS NOT NULL AND layer_from + traffic_percent <= 100));

CREATE INDEX experiment_layer_idx ON personalization.experiment (site_id, layer) WHERE layer IS NOT NULL;

-- Site-wide experiment settings: the global holdout (units that see every experiment's control and are not counted).
CREATE TABLE personalization.experiment_settings (
    site_id          UUID    PRIMARY KEY,
    holdout_percent  INTEGER NOT NULL DEFAULT 0 CHECK (holdout_percent BETWEEN 0 AND 50),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The unit's device at exposure (the breakdown's segment); a merge records where a unit's assignment came from.
ALTER TABLE personalization.assignment
    ADD COLUMN device       TEXT NOT NULL DEFAULT 'unknown',
    ADD COLUMN merged_from  TEXT;

-- Exposed units per variant and device, kept as units are assigned.
CREATE TABLE personalization.exposure_total (
    experiment_id  UUID   NOT NULL REFERENCES personalization.experiment (id) ON DELETE CASCADE,
    variant        TEXT   NOT NULL,
    device         TEXT   NOT NULL,
    units          BIGINT NOT NULL,
    PRIMARY KEY (experiment_id, variant, device)
);
INSERT INTO personalization.exposure_total (experiment_id, variant, device, units)
SELECT experiment_id, variant, 'unknown', count(*) FROM personalization.assignment GROUP BY experiment_id, variant;

-- Per unit: the ratio metric's denominator and the CUPED covariate (the unit's value in the days before exposure).
ALTER TABLE personalization.metric_unit
    ADD COLUMN device  TEXT             NOT NULL DEFAULT 'unknown',
    ADD COLUMN den     DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN pre     DOUBLE PRECISION NOT NULL DEFAULT 0;

-- Per variant and device: sums for ratio metrics (denominator, its square, the cross product) and for CUPED (the
-- covariate over every exposed unit with one, its square, and its product with the unit's value).
ALTER TABLE personalization.metric_total
    ADD COLUMN device           TEXT             NOT NULL DEFAULT 'unknown',
    ADD COLUMN sum_den          DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN sum_den_squares  DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN sum_cross        DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN sum_pre          DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN sum_pre_squares  DOUBLE PRECISION NOT NULL DEFAULT 0,
    ADD COLUMN sum_pre_cross    DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE personalization.metric_total DROP CONSTRAINT metric_total_pkey;
ALTER TABLE personalization.metric_total ADD PRIMARY KEY (experiment_id, metric, variant, device);

-- What a subject did per day and event type, for the event types experiments measure: the CUPED pre-period.
CREATE TABLE personalization.subject_activity (
    site_id     UUID             NOT NULL,
    subject     TEXT             NOT NULL,
    event_type  TEXT             NOT NULL,
    day         DATE             NOT NULL,
    events      INTEGER          NOT NULL,
    value_sum   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (site_id, subject, event_type, day)
);
CREATE INDEX subject_activity_day_idx ON personalization.subject_activity USING brin (day);

-- Results over time: one row per experiment, metric and treatment each time the guard takes a snapshot.
CREATE TABLE personalization.experiment_snapshot (
    experiment_id  UUID             NOT NULL REFERENCES personalization.experiment (id) ON DELETE CASCADE,
    taken_at       TIMESTAMPTZ      NOT NULL,
    metric         TEXT             NOT NULL,
    variant        TEXT             NOT NULL,
    units          BIGINT           NOT NULL,
    mean           DOUBLE PRECISION NOT NULL,
    effect         DOUBLE PRECISION,
    lower          DOUBLE PRECISION,
    upper          DOUBLE PRECISION,
    chance_to_win  DOUBLE PRECISION,
    PRIMARY KEY (experiment_id, taken_at, metric, variant)
);
