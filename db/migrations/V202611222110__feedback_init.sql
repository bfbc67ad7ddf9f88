-- Why: the feedback module's front door needs sites with hashed keys and a store of accepted events, keyed by the client's event id.
CREATE SCHEMA IF NOT EXISTS feedback;

CREATE TABLE feedback.site (
    id                 UUID        PRIMARY KEY,
    name               TEXT        NOT NULL,
    allowed_origins    TEXT[]      NOT NULL DEFAULT '{}',
    public_key_hash    TEXT        NOT NULL UNIQUE,
    public_key_prefix  TEXT        NOT NULL,
    secret_key_hash    TEXT        NOT NULL UNIQUE,
    secret_key_prefix  TEXT        NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at         TIMESTAMPTZ
);
CREATE UNIQUE INDEX site_name_uq ON feedback.site (lower(name)) WHERE revoked_at IS NULL;

CREATE TABLE feedback.event (
    event_id     UUID        NOT NULL,
    site_id      UUID        NOT NULL REFERENCES feedback.site (id),
    type         TEXT        NOT NULL,
    subject_id   TEXT        NOT NULL,
    item_id      TEXT,
    value        NUMERIC(6, 2),
    text         TEXT,
    properties   JSONB       NOT NULL DEFAULT '{}'::JSONB,
    occurred_at  TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, event_id)
);
CREATE INDEX event_site_received_idx ON feedback.event (site_id, received_at DESC);
CREATE INDEX event_item_idx ON feedback.event (site_id, item_id);
CREATE INDEX event_subject_idx ON feedback.event (site_id, subject_id);
