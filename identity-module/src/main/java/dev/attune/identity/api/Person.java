package dev.attune.identity.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A person: a connected component of one site's identity graph, with its anonymous subjects. */
public record Person(
        UUID id,
        UUID siteId,
        int identifiers,
        boolean sharedDevice,
        Instant createdAt,
        Instant updatedAt,
        List<String> subjects) {}
