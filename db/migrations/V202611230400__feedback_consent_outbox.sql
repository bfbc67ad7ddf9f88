-- Why: a consent withdrawal must reach the modules that derived data from the subject even if the server dies right
-- after the commit that recorded it; like events, it is announced from an outbox row written in that transaction.
CREATE TABLE feedback.consent_outbox (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id       UUID        NOT NULL,
    subject_id    TEXT        NOT NULL,
    purposes      TEXT[]      NOT NULL,
    withdrawn_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts      INT         NOT NULL DEFAULT 0,
    last_error    TEXT,
    retry_at      TIMESTAMPTZ
);
