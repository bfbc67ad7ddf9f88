-- Why: FeedbackReceived must reach other modules even if the server dies right after the commit that stored the event;
-- the outbox row is written in that same transaction and deleted only once the event was published.
CREATE TABLE feedback.outbox (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id     UUID        NOT NULL,
    event_id    UUID        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts    INT         NOT NULL DEFAULT 0,
    last_error  TEXT,
    retry_at    TIMESTAMPTZ,
    FOREIGN KEY (site_id, event_id) REFERENCES feedback.event (site_id, event_id) ON DELETE CASCADE
);
