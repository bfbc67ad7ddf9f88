-- Dashboard KPIs (issue 9): per site, minute, device class and language, the counts and sums every KPI is computed
-- from, kept incrementally as events arrive (the dashboard never scans raw events).
CREATE TABLE personalization.kpi_rollup (
    site_id          UUID             NOT NULL,
    bucket           TIMESTAMPTZ      NOT NULL,
    device           TEXT             NOT NULL,
    locale           TEXT             NOT NULL,
    events           BIGINT           NOT NULL DEFAULT 0,
    page_views       BIGINT           NOT NULL DEFAULT 0,
    explicit         BIGINT           NOT NULL DEFAULT 0,
    ratings          BIGINT           NOT NULL DEFAULT 0,
    rating_sum       DOUBLE PRECISION NOT NULL DEFAULT 0,
    nps_promoters    BIGINT           NOT NULL DEFAULT 0,
    nps_passives     BIGINT           NOT NULL DEFAULT 0,
    nps_detractors   BIGINT           NOT NULL DEFAULT 0,
    csat_count       BIGINT           NOT NULL DEFAULT 0,
    csat_sum         DOUBLE PRECISION NOT NULL DEFAULT 0,
    csat_satisfied   BIGINT           NOT NULL DEFAULT 0,
    sentiment_count  BIGINT           NOT NULL DEFAULT 0,
    sentiment_sum    DOUBLE PRECISION NOT NULL DEFAULT 0,
    thumbs_up        BIGINT           NOT NULL DEFAULT 0,
    thumbs_down      BIGINT           NOT NULL DEFAULT 0,
    clicks           BIGINT           NOT NULL DEFAULT 0,
    carts            BIGINT           NOT NULL DEFAULT 0,
    purchases        BIGINT           NOT NULL DEFAULT 0,
    revenue          DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (site_id, bucket, device, locale)
);
