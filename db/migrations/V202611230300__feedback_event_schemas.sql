-- Why: sites register their own versioned JSON Schemas for custom events (like Snowplow's Iglu); a custom event that
-- names a registered schema must validate against it. A version, once registered, never changes.
CREATE TABLE feedback.event_schema (
    site_id     UUID        NOT NULL REFERENCES feedback.site (id),
    name        TEXT        NOT NULL,
    version     TEXT        NOT NULL CONSTRAINT event_schema_version_format CHECK (version ~ '^[0-9]+-[0-9]+-[0-9]+$'),
    schema      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by  TEXT,
    PRIMARY KEY (site_id, name, version)
);
