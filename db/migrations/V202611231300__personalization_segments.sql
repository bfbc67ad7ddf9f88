-- Segments (issue 6): rule-defined groups of subjects, their current members, and every entry and exit.
CREATE TABLE personalization.segment (
    id           UUID        PRIMARY KEY,
    site_id      UUID        NOT NULL,
    key          TEXT        NOT NULL CHECK (key ~ '^[a-z0-9][a-z0-9_-]{0,59}$'),
    name         TEXT        NOT NULL,
    description  TEXT,
    rule         JSONB       NOT NULL,
    active       BOOLEAN     NOT NULL DEFAULT true,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT segment_key_unique UNIQUE (site_id, key)
);

CREATE TABLE personalization.segment_member (
    segment_id  UUID        NOT NULL REFERENCES personalization.segment (id) ON DELETE CASCADE,
    subject     TEXT        NOT NULL,
    entered_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (segment_id, subject)
);

CREATE TABLE personalization.segment_change (
    id          BIGSERIAL   PRIMARY KEY,
    segment_id  UUID        NOT NULL REFERENCES personalization.segment (id) ON DELETE CASCADE,
    subject     TEXT        NOT NULL,
    entered     BOOLEAN     NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX segment_change_segment_idx ON personalization.segment_change (segment_id, at);
