-- Unauthenticated failures (wrong passwords, lock-outs, admin calls without credentials) counted per address, action
-- and window instead of one chained audit entry each: a flood contends only for its own row, never for the audit
-- chain's lock. A job moves each closed window into the audit log as one entry with the count, and deletes it, in
-- one transaction.
CREATE TABLE platform.auth_failure (
    window_start TIMESTAMPTZ NOT NULL,
    source_ip    TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    outcome      TEXT        NOT NULL,
    failures     INT         NOT NULL,
    users        TEXT[]      NOT NULL DEFAULT '{}',
    PRIMARY KEY (window_start, source_ip, action, outcome)
);
