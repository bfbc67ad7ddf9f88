-- Why: the console needs its users (PBKDF2 hashes, roles) and one append-only, hash-chained audit log shared by every module.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.console_user (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username             TEXT        NOT NULL,
    password_hash        TEXT        NOT NULL,
    roles                TEXT[]      NOT NULL,
    must_change_password BOOLEAN     NOT NULL DEFAULT FALSE,
    disabled             BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT console_user_roles_known CHECK (roles <@ ARRAY['ADMIN', 'ANALYST', 'AUDITOR']::TEXT[] AND cardinality(roles) > 0)
);
CREATE UNIQUE INDEX console_user_username_uq ON platform.console_user (lower(username));

CREATE TABLE platform.audit_entry (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMPTZ NOT NULL,
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    target      TEXT,
    outcome     TEXT        NOT NULL,
    source_ip   TEXT,
    detail      JSONB       NOT NULL DEFAULT '{}'::JSONB,
    prev_hash   TEXT        NOT NULL,
    hash        TEXT        NOT NULL
);
CREATE INDEX audit_entry_occurred_idx ON platform.audit_entry (occurred_at);
CREATE INDEX audit_entry_action_idx ON platform.audit_entry (action);

-- The log is append-only: the application role never updates or deletes entries.
CREATE FUNCTION platform.audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'platform.audit_entry is append-only';
END $$;
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE OR DELETE ON platform.audit_entry
    FOR EACH ROW EXECUTE FUNCTION platform.audit_entry_append_only();
