-- Record linkage of imported contacts (issue 5): each import's figures, the contacts (their fields sealed with
-- AES-GCM: clear personal data only encrypted at rest), and the review queue of uncertain pairs.
CREATE TABLE identity.linkage_import (
    id          UUID             PRIMARY KEY,
    site_id     UUID             NOT NULL,
    source      TEXT             NOT NULL,
    file_name   TEXT,
    records     INT              NOT NULL,
    candidates  INT              NOT NULL,
    matches     INT              NOT NULL,
    review      INT              NOT NULL,
    merged      INT              NOT NULL,
    lambda      DOUBLE PRECISION,
    iterations  INT,
    seconds     DOUBLE PRECISION NOT NULL,
    created_by  TEXT             NOT NULL,
    created_at  TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX linkage_import_site_idx ON identity.linkage_import (site_id, created_at DESC);

-- A contact belongs to its identifier (kind custom, "<source>:<id>"): erasing the person's identifiers erases it.
CREATE TABLE identity.contact (
    id             BIGSERIAL   PRIMARY KEY,
    site_id        UUID        NOT NULL,
    import_id      UUID        NOT NULL REFERENCES identity.linkage_import (id) ON DELETE CASCADE,
    identifier_id  BIGINT      NOT NULL REFERENCES identity.identifier (id) ON DELETE CASCADE,
    fields_enc     BYTEA       NOT NULL,
    key_version    INT         NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX contact_identifier_idx ON identity.contact (identifier_id);
CREATE INDEX contact_import_idx ON identity.contact (import_id);

CREATE TABLE identity.linkage_review (
    id           BIGSERIAL        PRIMARY KEY,
    site_id      UUID             NOT NULL,
    import_id    UUID             NOT NULL REFERENCES identity.linkage_import (id) ON DELETE CASCADE,
    a            BIGINT           NOT NULL REFERENCES identity.contact (id) ON DELETE CASCADE,
    b            BIGINT           NOT NULL REFERENCES identity.contact (id) ON DELETE CASCADE,
    probability  DOUBLE PRECISION NOT NULL,
    weight       DOUBLE PRECISION NOT NULL,
    explanation  TEXT             NOT NULL,
    status       TEXT             NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    decided_by   TEXT,
    decided_at   TIMESTAMPTZ,
    created_at   TIMESTAMPTZ      NOT NULL DEFAULT now()
);
CREATE INDEX linkage_review_queue_idx ON identity.linkage_review (site_id, status, probability DESC);
