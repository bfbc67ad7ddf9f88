-- A user id a browser claimed without verification is an identifier of its own kind: claims join each other, never a
-- person holding a verified user id (such a claim is recorded as an 'unverified_claim' conflict instead).
ALTER TABLE identity.identifier DROP CONSTRAINT identifier_kind_check;
ALTER TABLE identity.identifier ADD CONSTRAINT identifier_kind_check
    CHECK (kind IN ('anonymous', 'device', 'user', 'claimed_user', 'email', 'phone', 'custom'));
ALTER TABLE identity.conflict DROP CONSTRAINT conflict_kind_check;
ALTER TABLE identity.conflict ADD CONSTRAINT conflict_kind_check
    CHECK (kind IN ('user_ids', 'shared_device', 'unverified_claim'));

-- The site's verification secret is derived from the identity HMAC key and this version; a rotation bumps it.
CREATE TABLE identity.verification_secret (
    site_id    UUID        PRIMARY KEY,
    version    INT         NOT NULL,
    rotated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
