-- Identity resolution (issue 5): identifiers as keyed hashes, the identity graph (edges with source, time and
-- confidence), persons as connected components kept incrementally, conflicts, merge history, privacy requests.

-- Keys used when the configuration names none (a default run): generated once, kept here. Production sets
-- attune.identity.hmac-secret and attune.identity.encryption-keys instead (then this table stays empty).
CREATE TABLE identity.generated_key (
    name        TEXT        PRIMARY KEY,
    secret      BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A person is a connected component of the graph of one site. A merged-away person stays as a tombstone
-- (merged_into), so an unmerge brings it back exactly as it was.
CREATE TABLE identity.person (
    id             UUID        PRIMARY KEY,
    site_id        UUID        NOT NULL,
    identifiers    INT         NOT NULL DEFAULT 0,
    shared_device  BOOLEAN     NOT NULL DEFAULT false,
    merged_into    UUID,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX person_site_idx ON identity.person (site_id, updated_at DESC) WHERE merged_into IS NULL;

-- An identifier: HMAC-SHA-256 of its normalised value (keyed, so the table alone reveals nothing). The anonymous id
-- is the widget's random pseudonym that every module already uses as the subject, so it is kept as is (subject_id);
-- other kinds keep their clear value only encrypted (AES-GCM, key version), for export.
CREATE TABLE identity.identifier (
    id           BIGSERIAL   PRIMARY KEY,
    site_id      UUID        NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('anonymous', 'device', 'user', 'email', 'phone', 'custom')),
    value_hash   BYTEA       NOT NULL,
    subject_id   TEXT,
    value_enc    BYTEA,
    key_version  INT,
    hint         TEXT,
    person_id    UUID        NOT NULL REFERENCES identity.person (id),
    first_seen   TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT identifier_unique UNIQUE (site_id, kind, value_hash)
);
CREATE INDEX identifier_person_idx ON identity.identifier (person_id);
CREATE INDEX identifier_subject_idx ON identity.identifier (site_id, subject_id) WHERE subject_id IS NOT NULL;
-- a person's subjects in age order and its user ids, without reading every identifier of a large person
CREATE INDEX identifier_person_subject_idx ON identity.identifier (person_id, id) WHERE subject_id IS NOT NULL;
CREATE INDEX identifier_person_user_idx ON identity.identifier (person_id) WHERE kind = 'user';

-- An edge says two identifiers are the same person. Removed edges stay (removed_at) for the history; absorbed_person
-- is the person the edge merged away (absorbed_end: its endpoint), so an unmerge restores it under its old id.
CREATE TABLE identity.edge (
    id               BIGSERIAL        PRIMARY KEY,
    site_id          UUID             NOT NULL,
    a                BIGINT           NOT NULL REFERENCES identity.identifier (id) ON DELETE CASCADE,
    b                BIGINT           NOT NULL REFERENCES identity.identifier (id) ON DELETE CASCADE,
    source           TEXT             NOT NULL,
    confidence       DOUBLE PRECISION NOT NULL CHECK (confidence > 0 AND confidence <= 1),
    created_by       TEXT             NOT NULL,
    created_at       TIMESTAMPTZ      NOT NULL DEFAULT now(),
    absorbed_person  UUID,
    absorbed_end     BIGINT,
    removed_at       TIMESTAMPTZ,
    removed_by       TEXT,
    CHECK (a < b)
);
CREATE UNIQUE INDEX edge_live_pair_idx ON identity.edge (a, b) WHERE removed_at IS NULL;
CREATE INDEX edge_b_idx ON identity.edge (b) WHERE removed_at IS NULL;
CREATE INDEX edge_site_idx ON identity.edge (site_id, created_at DESC);

-- Merges the graph refused or flagged: two different user ids, a component grown past the shared-device size.
CREATE TABLE identity.conflict (
    id           BIGSERIAL   PRIMARY KEY,
    site_id      UUID        NOT NULL,
    kind         TEXT        NOT NULL CHECK (kind IN ('user_ids', 'shared_device')),
    person_id    UUID,
    other_person UUID,
    source       TEXT        NOT NULL,
    detail       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at  TIMESTAMPTZ,
    resolved_by  TEXT
);
CREATE INDEX conflict_site_idx ON identity.conflict (site_id, created_at DESC);

-- Every merge, unmerge and flag of a person (also in the platform audit log).
CREATE TABLE identity.history (
    id            BIGSERIAL   PRIMARY KEY,
    site_id       UUID        NOT NULL,
    action        TEXT        NOT NULL CHECK (action IN ('merge', 'unmerge', 'flag')),
    person_id     UUID        NOT NULL,
    other_person  UUID,
    edge_id       BIGINT,
    actor         TEXT        NOT NULL,
    detail        TEXT,
    at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX history_person_idx ON identity.history (person_id, at DESC);
CREATE INDEX history_other_idx ON identity.history (other_person, at DESC);

-- Data subject requests: export (the document is kept until downloaded or 30 days) and erasure (the receipt holds
-- counts per module only).
CREATE TABLE identity.privacy_request (
    id            UUID        PRIMARY KEY,
    site_id       UUID        NOT NULL,
    person_id     UUID        NOT NULL,
    kind          TEXT        NOT NULL CHECK (kind IN ('export', 'erasure')),
    status        TEXT        NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    requested_by  TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    due_at        TIMESTAMPTZ NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    receipt       JSONB,
    document      JSONB,
    error         TEXT
);
CREATE INDEX privacy_request_site_idx ON identity.privacy_request (site_id, requested_at DESC);
CREATE INDEX privacy_request_queue_idx ON identity.privacy_request (due_at) WHERE status IN ('queued', 'running');
