package dev.attune.feedback.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A site as the console shows it: key prefixes only; raw events older than {@code retentionDays} are removed. With
 * {@code identityVerification} a browser's identify must carry the user id's HMAC under the site's verification secret.
 */
public record SiteSummary(
        UUID id,
        String name,
        List<String> allowedOrigins,
        String publicKeyPrefix,
        String secretKeyPrefix,
        Instant createdAt,
        ConsentMode consentMode,
        int retentionDays,
        boolean identityVerification) {}
