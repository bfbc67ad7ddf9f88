-- Audit retention (issue 9): entries older than attune.audit.retention-days are deleted on schedule; the anchor keeps
-- where the chain now starts (the first remaining entry and the hash it follows), so verification stays possible.
CREATE TABLE platform.audit_anchor (
    singleton     BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    first_id      BIGINT      NOT NULL,
    prev_hash     TEXT        NOT NULL,
    pruned_count  BIGINT      NOT NULL,
    pruned_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Still append-only for every update and for any delete but the retention run's (which marks its transaction).
CREATE OR REPLACE FUNCTION platform.audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('attune.audit_retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'platform.audit_entry is append-only';
END $$;
