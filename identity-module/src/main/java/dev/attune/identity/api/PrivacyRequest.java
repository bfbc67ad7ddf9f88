package dev.attune.identity.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A data subject request. {@code receipt} (JSON) holds, for an erasure, rows deleted per module and kind; for an export,
 * how much each module contributed. {@code document} is the export itself (null for erasures).
 */
public record PrivacyRequest(
        UUID id,
        UUID siteId,
        UUID personId,
        String kind,
        String status,
        String requestedBy,
        Instant requestedAt,
        Instant dueAt,
        Instant finishedAt,
        String receipt,
        String error) {}
