-- Why: events grow without bound, so they live in daily partitions (declarative range partitioning on received_at)
-- that retention drops whole; a partitioned table cannot enforce a unique key without its partition column, so the
-- exactly-once guarantee moves to feedback.event_key (one row per site and client event id). The outbox carries the
-- event's payload, so publishing never has to look an event up, and sites get a retention period.

ALTER TABLE feedback.outbox DROP CONSTRAINT outbox_site_id_event_id_fkey;

ALTER TABLE feedback.event RENAME TO event_unpartitioned;
ALTER INDEX feedback.event_pkey RENAME TO event_unpartitioned_pkey;
ALTER INDEX feedback.event_site_received_idx RENAME TO event_unpartitioned_site_received_idx;
ALTER INDEX feedback.event_item_idx RENAME TO event_unpartitioned_item_idx;
ALTER INDEX feedback.event_subject_idx RENAME TO event_unpartitioned_subject_idx;

CREATE TABLE feedback.event (
    event_id     UUID          NOT NULL,
    site_id      UUID          NOT NULL REFERENCES feedback.site (id),
    type         TEXT          NOT NULL,
    subject_id   TEXT          NOT NULL,
    item_id      TEXT,
    value        NUMERIC(14, 4),
    text         TEXT,
    properties   JSONB         NOT NULL DEFAULT '{}'::JSONB,
    occurred_at  TIMESTAMPTZ   NOT NULL,
    received_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    context      JSONB         NOT NULL DEFAULT '{}'::JSONB
) PARTITION BY RANGE (received_at);
CREATE INDEX event_site_received_idx ON feedback.event (site_id, received_at DESC);
CREATE INDEX event_key_idx ON feedback.event (site_id, event_id);
CREATE INDEX event_item_idx ON feedback.event (site_id, item_id);
CREATE INDEX event_subject_idx ON feedback.event (site_id, subject_id);

-- Every event ever accepted (until retention removes it): the arbiter of "a retry never stores a duplicate".
CREATE TABLE feedback.event_key (
    site_id      UUID        NOT NULL,
    event_id     UUID        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, event_id)
);
CREATE INDEX event_key_received_idx ON feedback.event_key (received_at);

-- The partition holding one UTC day, created when missing; returns its name.
CREATE FUNCTION feedback.ensure_event_partition(day DATE) RETURNS TEXT
LANGUAGE plpgsql AS $$
DECLARE
    name TEXT := 'event_' || to_char(day, 'YYYYMMDD');
BEGIN
    IF to_regclass('feedback.' || name) IS NULL THEN
        EXECUTE format('CREATE TABLE IF NOT EXISTS feedback.%I PARTITION OF feedback.event FOR VALUES FROM (%L) TO (%L)',
                       name, (day::TIMESTAMP AT TIME ZONE 'UTC'), ((day + 1)::TIMESTAMP AT TIME ZONE 'UTC'));
    END IF;
    RETURN name;
END;
$$;

DO $$
DECLARE
    day DATE;
BEGIN
    FOR day IN SELECT DISTINCT (received_at AT TIME ZONE 'UTC')::DATE FROM feedback.event_unpartitioned
               UNION SELECT generate_series(current_date - 1, current_date + 7, INTERVAL '1 day')::DATE
    LOOP
        PERFORM feedback.ensure_event_partition(day);
    END LOOP;
END;
$$;

INSERT INTO feedback.event (event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, received_at, context)
SELECT event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, received_at, context
FROM feedback.event_unpartitioned;
INSERT INTO feedback.event_key (site_id, event_id, received_at)
SELECT site_id, event_id, received_at FROM feedback.event_unpartitioned;

ALTER TABLE feedback.outbox
    ADD COLUMN type        TEXT,
    ADD COLUMN subject_id  TEXT,
    ADD COLUMN item_id     TEXT,
    ADD COLUMN value       NUMERIC(14, 4),
    ADD COLUMN text        TEXT,
    ADD COLUMN properties  JSONB,
    ADD COLUMN context     JSONB,
    ADD COLUMN occurred_at TIMESTAMPTZ,
    ADD COLUMN received_at TIMESTAMPTZ;
UPDATE feedback.outbox o
SET type = e.type, subject_id = e.subject_id, item_id = e.item_id, value = e.value, text = e.text,
    properties = e.properties, context = e.context, occurred_at = e.occurred_at, received_at = e.received_at
FROM feedback.event_unpartitioned e
WHERE e.site_id = o.site_id AND e.event_id = o.event_id;
DELETE FROM feedback.outbox WHERE type IS NULL;
ALTER TABLE feedback.outbox
    ALTER COLUMN type SET NOT NULL,
    ALTER COLUMN subject_id SET NOT NULL,
    ALTER COLUMN properties SET NOT NULL,
    ALTER COLUMN context SET NOT NULL,
    ALTER COLUMN occurred_at SET NOT NULL,
    ALTER COLUMN received_at SET NOT NULL;

DROP TABLE feedback.event_unpartitioned;

-- How long a site's raw events are kept; audit entries are kept longer (platform's own policy).
ALTER TABLE feedback.site ADD COLUMN retention_days INT NOT NULL DEFAULT 395
    CONSTRAINT site_retention_days_range CHECK (retention_days BETWEEN 1 AND 3650);
