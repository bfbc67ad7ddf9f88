package dev.attune.identity.api;

import java.time.Instant;
import java.util.UUID;

/** A merge the graph refused (two user ids) or a component flagged as a likely shared device. */
public record Conflict(
        long id,
        UUID siteId,
        String kind,
        UUID personId,
        UUID otherPerson,
        String source,
        String detail,
        Instant createdAt,
        Instant resolvedAt,
        String resolvedBy) {}
