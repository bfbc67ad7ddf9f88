package dev.attune.personalization.api;

import java.time.Instant;
import java.util.UUID;

/** A rule acted for a subject ({@code action}: message, slot, survey or webhook): fired after the firing is stored. */
public record RuleFired(
        UUID siteId, UUID ruleId, String rule, String subject, String action, String detail, Instant at) {}
