-- Why: sites subscribe URLs to event types; every matching event is delivered as a signed POST, retried with backoff,
-- dead-lettered after a number of tries, and can be replayed. A delivery row exists once per webhook and event.
CREATE TABLE feedback.webhook (
    id              UUID        PRIMARY KEY,
    site_id         UUID        NOT NULL REFERENCES feedback.site (id),
    url             TEXT        NOT NULL,
    event_types     TEXT[]      NOT NULL DEFAULT '{}',
    signing_secret  TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    disabled_at     TIMESTAMPTZ
);
CREATE INDEX webhook_site_idx ON feedback.webhook (site_id) WHERE disabled_at IS NULL;

CREATE TABLE feedback.webhook_delivery (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id       UUID        NOT NULL REFERENCES feedback.webhook (id),
    site_id          UUID        NOT NULL,
    event_id         UUID        NOT NULL,
    event_type       TEXT        NOT NULL,
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL DEFAULT 'pending'
        CONSTRAINT webhook_delivery_status_check CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at     TIMESTAMPTZ,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due_idx ON feedback.webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_webhook_idx ON feedback.webhook_delivery (webhook_id, created_at DESC);
