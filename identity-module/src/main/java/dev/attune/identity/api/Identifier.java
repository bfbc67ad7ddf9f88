package dev.attune.identity.api;

import java.time.Instant;

/**
 * A stored identifier of a person: never its clear value (except the anonymous id, which is the subject other modules
 * use), only a masked hint such as {@code j…@example.com}.
 */
public record Identifier(
        long id, IdentifierKind kind, String subject, String hint, Instant firstSeen, Instant lastSeen) {}
