-- The relay's live lane: events a visitor sent (the widget, single events) are published before a bulk backlog.
ALTER TABLE feedback.outbox ADD COLUMN live BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX outbox_live_idx ON feedback.outbox (id) WHERE live;
