package dev.attune.identity.api;

import java.time.Instant;

/** A link between two identifiers: where it came from, how sure, who made it; removed edges keep their history. */
public record Edge(
        long id,
        long a,
        long b,
        String source,
        double confidence,
        String createdBy,
        Instant createdAt,
        Instant removedAt,
        String removedBy) {}
