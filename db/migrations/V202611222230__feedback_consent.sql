-- Why: every use of a subject's data depends on their consent; the ledger keeps every choice (append-only) and sites
-- declare whether consent is explicit (opt-in) or implied until withdrawn. Existing sites keep today's behaviour.
ALTER TABLE feedback.site ADD COLUMN consent_mode TEXT NOT NULL DEFAULT 'implied'
    CHECK (consent_mode IN ('explicit', 'implied'));
ALTER TABLE feedback.site ALTER COLUMN consent_mode SET DEFAULT 'explicit';

CREATE TABLE feedback.consent_entry (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id        UUID        NOT NULL REFERENCES feedback.site (id),
    subject_id     TEXT        NOT NULL,
    purpose        TEXT        NOT NULL CHECK (purpose IN ('necessary', 'analytics', 'personalization', 'experiments', 'marketing')),
    granted        BOOLEAN     NOT NULL,
    policy_version TEXT,
    source         TEXT        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX consent_entry_subject_idx ON feedback.consent_entry (site_id, subject_id, purpose, id DESC);

CREATE FUNCTION feedback.consent_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'feedback.consent_entry is append-only';
END $$;
CREATE TRIGGER consent_entry_no_update BEFORE UPDATE ON feedback.consent_entry
    FOR EACH ROW EXECUTE FUNCTION feedback.consent_entry_append_only();

-- What is left of events from subjects without analytics consent: a count, nothing about the subject.
CREATE TABLE feedback.anonymous_count (
    site_id  UUID   NOT NULL REFERENCES feedback.site (id),
    day      DATE   NOT NULL,
    type     TEXT   NOT NULL,
    item_id  TEXT   NOT NULL DEFAULT '',
    events   BIGINT NOT NULL,
    PRIMARY KEY (site_id, day, type, item_id)
);
