-- Why: suspicious events (bots by user agent, honeypot fields, spam or repeated text, implausible values, a subject
-- sending faster than a person can) are kept for review instead of dropped, and never reach profiles, models or
-- experiment statistics; an administrator releases them into the event store or deletes them.
CREATE TABLE feedback.quarantine (
    site_id         UUID           NOT NULL REFERENCES feedback.site (id),
    event_id        UUID           NOT NULL,
    reason          TEXT           NOT NULL,
    detail          TEXT,
    type            TEXT           NOT NULL,
    subject_id      TEXT           NOT NULL,
    item_id         TEXT,
    value           NUMERIC(14, 4),
    text            TEXT,
    properties      JSONB          NOT NULL DEFAULT '{}'::JSONB,
    context         JSONB          NOT NULL DEFAULT '{}'::JSONB,
    occurred_at     TIMESTAMPTZ    NOT NULL,
    quarantined_at  TIMESTAMPTZ    NOT NULL DEFAULT now(),
    client_address  TEXT,
    PRIMARY KEY (site_id, event_id)
);
CREATE INDEX quarantine_site_time_idx ON feedback.quarantine (site_id, quarantined_at DESC);
CREATE INDEX quarantine_reason_time_idx ON feedback.quarantine (reason, quarantined_at DESC);
