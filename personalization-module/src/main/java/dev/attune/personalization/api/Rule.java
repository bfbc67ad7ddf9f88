package dev.attune.personalization.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A rule of a site: when a subject's profile or segments meet its condition, an action (a message from a template, a
 * strategy for a recommendation slot, a survey, a webhook call), at most as often as its frequency cap allows per
 * person. Higher {@code priority} wins when several rules would act on the same message, survey or slot. The
 * definition's JSON language is described on {@link RuleService}. Hit counts: fired today, in the last 7 days, and
 * matched but held back by the cap in the last 7 days.
 */
public record Rule(
        UUID id,
        UUID siteId,
        String key,
        String name,
        String description,
        int priority,
        String definitionJson,
        boolean active,
        int version,
        Instant createdAt,
        Instant updatedAt,
        long firedToday,
        long fired7d,
        long capped7d) {}
