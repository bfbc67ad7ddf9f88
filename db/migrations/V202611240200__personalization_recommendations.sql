-- Recommendations (issue 7): the item catalog proper, slots and their strategies, fitted model versions, every served
-- list with the probability each item had of being shown (for off-policy evaluation), and offline evaluation runs.
ALTER TABLE personalization.item
    ADD COLUMN price        NUMERIC(14, 2),
    ADD COLUMN tags         TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN available    BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN from_catalog BOOLEAN NOT NULL DEFAULT false;

-- A widget slot of a site: which strategy fills it (or "bandit": a learned choice among strategies), how many items,
-- whether items the person already consumed may come back.
CREATE TABLE personalization.slot (
    site_id           UUID        NOT NULL,
    slot              TEXT        NOT NULL CHECK (slot ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$'),
    strategy          TEXT        NOT NULL,
    size              INT         NOT NULL DEFAULT 6 CHECK (size BETWEEN 1 AND 50),
    include_consumed  BOOLEAN     NOT NULL DEFAULT false,
    title             TEXT,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, slot)
);

-- Each fit of a site's models: version, what it learned from, and how long each strategy took.
CREATE TABLE personalization.recommendation_fit (
    site_id       UUID        NOT NULL,
    version       BIGINT      NOT NULL,
    fitted_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    people        INT         NOT NULL,
    items         INT         NOT NULL,
    interactions  INT         NOT NULL,
    fit_ms        JSONB       NOT NULL,
    PRIMARY KEY (site_id, version)
);

-- Every list served: the strategy (arm) used, the probability it had of being chosen, and per item its position and
-- the probability it had of being shown; what the person then clicked or bought is the reward.
CREATE TABLE personalization.recommendation_log (
    id             UUID        PRIMARY KEY,
    site_id        UUID        NOT NULL,
    subject        TEXT        NOT NULL,
    slot           TEXT        NOT NULL,
    strategy       TEXT        NOT NULL,
    propensity     DOUBLE PRECISION NOT NULL,
    model_version  BIGINT,
    context        TEXT        NOT NULL,
    items          JSONB       NOT NULL,
    served_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    rewarded_at    TIMESTAMPTZ,
    reward_item    TEXT
);
CREATE INDEX recommendation_log_subject_idx ON personalization.recommendation_log (site_id, subject, served_at DESC);
CREATE INDEX recommendation_log_slot_idx ON personalization.recommendation_log (site_id, slot, served_at DESC);
