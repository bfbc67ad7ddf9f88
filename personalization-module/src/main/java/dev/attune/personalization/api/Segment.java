package dev.attune.personalization.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A segment of a site's subjects defined by a rule over their live profiles and recent events (see the admin API
 * for the rule language); membership is evaluated on every event, and for rules with time windows also as time
 * passes. {@code members}: how many are in it now.
 */
public record Segment(
        UUID id,
        UUID siteId,
        String key,
        String name,
        String description,
        String ruleJson,
        boolean active,
        Instant createdAt,
        long members) {}
