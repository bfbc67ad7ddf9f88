-- Monitors (issue 6): drift in ratings and sentiment, anomalies in event rates, raised per site.
CREATE TABLE personalization.monitor_alert (
    id        UUID             PRIMARY KEY,
    site_id   UUID             NOT NULL,
    kind      TEXT             NOT NULL CHECK (kind IN ('rating_drift', 'sentiment_drift', 'rate_spike', 'rate_drop')),
    increase  BOOLEAN          NOT NULL,
    message   TEXT             NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    expected  DOUBLE PRECISION NOT NULL,
    at        TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX monitor_alert_site_idx ON personalization.monitor_alert (site_id, at DESC);
