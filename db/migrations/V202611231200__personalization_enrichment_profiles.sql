-- Enrichment (issue 6): what was derived from each event, kept for lineage: the language and sentiment of its text,
-- the visitor's device class, browser and operating system, the local hour and weekday, the referrer's class and how
-- deep into its session the event came. Profiles: one per subject, kept in memory and written here.
CREATE TABLE personalization.enrichment (
    site_id          UUID             NOT NULL,
    event_id         UUID             NOT NULL,
    subject          TEXT,
    type             TEXT             NOT NULL,
    occurred_at      TIMESTAMPTZ      NOT NULL,
    language         TEXT,
    sentiment        DOUBLE PRECISION,
    sentiment_label  TEXT             CHECK (sentiment_label IN ('positive', 'neutral', 'negative', 'unknown')),
    device_class     TEXT,
    browser          TEXT,
    os               TEXT,
    local_hour       SMALLINT         CHECK (local_hour BETWEEN 0 AND 23),
    weekday          SMALLINT         CHECK (weekday BETWEEN 1 AND 7),
    referrer_class   TEXT,
    session_depth    INTEGER,
    keywords         TEXT[],
    enriched_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, event_id)
);
CREATE INDEX enrichment_subject_idx ON personalization.enrichment (site_id, subject, occurred_at);

CREATE TABLE personalization.profile (
    site_id     UUID        NOT NULL,
    subject     TEXT        NOT NULL,
    state       JSONB       NOT NULL,
    events      BIGINT      NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, subject)
);
CREATE INDEX profile_last_seen_idx ON personalization.profile (site_id, last_seen DESC);
