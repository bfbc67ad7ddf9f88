package dev.attune.identity.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A site's identity verification secret: the site's server signs its user ids with it ({@code userHash =
 * hex(HMAC-SHA256(key = secret, message = user id))}) and the page passes the hash to {@code attune.identify}. Whether a
 * site requires the hash is the site's setting ({@code SiteService.updateIdentityVerification}). Reading and rotating
 * are audited.
 */
public interface IdentityVerification {
    /** The secret, and when it was last rotated (null: never). */
    record Secret(UUID siteId, String value, int version, Instant rotatedAt) {}

    Secret reveal(UUID siteId);

    /** A new secret: hashes signed with the old one stop verifying at once. */
    Secret rotate(UUID siteId);
}
