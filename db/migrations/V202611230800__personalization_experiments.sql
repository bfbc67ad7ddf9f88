-- Experiments (issue 8, first slice): definitions, sticky assignments (= exposures, logged once per unit), and
-- metrics kept incrementally per unit and per variant so results never rescan events.
CREATE TABLE personalization.experiment (
    id               UUID        PRIMARY KEY,
    site_id          UUID        NOT NULL,
    key              TEXT        NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,59}$'),
    name             TEXT        NOT NULL,
    hypothesis       TEXT,
    status           TEXT        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'stopped', 'shipped')),
    variants         JSONB       NOT NULL,
    traffic_percent  INTEGER     NOT NULL DEFAULT 100 CHECK (traffic_percent BETWEEN 1 AND 100),
    metrics          JSONB       NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ,
    stopped_at       TIMESTAMPTZ,
    CONSTRAINT experiment_key_unique UNIQUE (site_id, key)
);

-- The first assignment of a unit wins and is kept: stable across restarts, instances and later weight changes.
CREATE TABLE personalization.assignment (
    experiment_id  UUID        NOT NULL REFERENCES personalization.experiment (id) ON DELETE CASCADE,
    unit           TEXT        NOT NULL,
    variant        TEXT        NOT NULL,
    assigned_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (experiment_id, unit)
);

-- Per unit and metric: the unit's value (conversion 0/1, or the sum and count of event values).
CREATE TABLE personalization.metric_unit (
    experiment_id  UUID             NOT NULL REFERENCES personalization.experiment (id) ON DELETE CASCADE,
    metric         TEXT             NOT NULL,
    unit           TEXT             NOT NULL,
    variant        TEXT             NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    events         INTEGER          NOT NULL,
    PRIMARY KEY (experiment_id, metric, unit)
);

-- Per variant and metric: sums over units with a value (units without one count as 0 through the assignment count).
CREATE TABLE personalization.metric_total (
    experiment_id  UUID             NOT NULL REFERENCES personalization.experiment (id) ON DELETE CASCADE,
    metric         TEXT             NOT NULL,
    variant        TEXT             NOT NULL,
    units          BIGINT           NOT NULL,
    sum            DOUBLE PRECISION NOT NULL,
    sum_squares    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (experiment_id, metric, variant)
);
