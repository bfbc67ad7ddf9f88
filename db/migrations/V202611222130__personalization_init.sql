-- Why: the first thing personalization learns from feedback: per-item rating statistics, kept in step by FeedbackReceived.
CREATE SCHEMA IF NOT EXISTS personalization;

CREATE TABLE personalization.item_rating_stats (
    site_id        UUID        NOT NULL,
    item_id        TEXT        NOT NULL,
    ratings        BIGINT      NOT NULL,
    rating_sum     NUMERIC(14, 2) NOT NULL,
    last_rated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, item_id)
);

-- Which events were already counted, so a redelivered FeedbackReceived never counts twice.
CREATE TABLE personalization.applied_event (
    site_id   UUID NOT NULL,
    event_id  UUID NOT NULL,
    PRIMARY KEY (site_id, event_id)
);
