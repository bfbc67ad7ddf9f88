-- Segments discovered by clustering profiles (issue 6): the latest run per site.
CREATE TABLE personalization.segment_cluster (
    site_id      UUID        NOT NULL,
    cluster      INTEGER     NOT NULL,
    size         BIGINT      NOT NULL,
    profile      JSONB       NOT NULL,
    description  TEXT        NOT NULL,
    computed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, cluster)
);
