-- Ids of events counted anonymously (their subject had not consented to analytics), so a retry with the same id is
-- answered "duplicate" and counted once, as stored events are. Nothing about the subject is kept; ids live 32 days
-- (an event may be at most 30 days old), pruned by the retention run.
CREATE TABLE feedback.anonymous_event_key (
    site_id     uuid        NOT NULL,
    event_id    uuid        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, event_id)
);
CREATE INDEX anonymous_event_key_received ON feedback.anonymous_event_key (received_at);
