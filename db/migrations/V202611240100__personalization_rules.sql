-- Rules (issue 6): condition on a subject's profile or segments -> action (message, slot strategy, survey, webhook),
-- with priorities and per-person frequency caps. Stored as data, edited in the console.
CREATE TABLE personalization.rule (
    id           UUID        PRIMARY KEY,
    site_id      UUID        NOT NULL,
    key          TEXT        NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,59}$'),
    name         TEXT        NOT NULL,
    description  TEXT,
    priority     INT         NOT NULL DEFAULT 0,
    definition   JSONB       NOT NULL,
    active       BOOLEAN     NOT NULL DEFAULT true,
    version      INT         NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT rule_key_unique UNIQUE (site_id, key)
);

-- Every time a rule acted for a subject (frequency caps count these); pruned after 90 days.
CREATE TABLE personalization.rule_firing (
    id        BIGSERIAL   PRIMARY KEY,
    rule_id   UUID        NOT NULL REFERENCES personalization.rule (id) ON DELETE CASCADE,
    site_id   UUID        NOT NULL,
    subject   TEXT        NOT NULL,
    action    TEXT        NOT NULL,
    detail    TEXT,
    fired_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX rule_firing_subject_idx ON personalization.rule_firing (rule_id, subject, fired_at);
CREATE INDEX rule_firing_site_subject_idx ON personalization.rule_firing (site_id, subject);

-- Hit counts per rule and day: fired, and matched but held back by the frequency cap.
CREATE TABLE personalization.rule_stats (
    rule_id  UUID   NOT NULL REFERENCES personalization.rule (id) ON DELETE CASCADE,
    day      DATE   NOT NULL,
    fired    BIGINT NOT NULL DEFAULT 0,
    capped   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (rule_id, day)
);
