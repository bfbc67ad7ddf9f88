package dev.attune.feedback.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A site as the console shows it: key prefixes only; raw events older than {@code retentionDays} are removed. */
public record SiteSummary(
        UUID id,
        String name,
        List<String> allowedOrigins,
        String publicKeyPrefix,
        String secretKeyPrefix,
        Instant createdAt,
        ConsentMode consentMode,
        int retentionDays) {}
