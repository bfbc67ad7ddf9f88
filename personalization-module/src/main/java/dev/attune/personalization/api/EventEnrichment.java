package dev.attune.personalization.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What Attune derived from one event (its lineage): the text's language and sentiment ({@code sentimentLabel}
 * positive, neutral, negative, or unknown for text in another language), the visitor's device class, browser and
 * operating system, the local hour and ISO weekday in the visitor's time zone, the referrer's class (direct,
 * internal, search, social, email, paid, referral), the page views of the session so far, and the text's keywords.
 * Any may be null when the event did not carry what it is derived from.
 */
public record EventEnrichment(
        UUID siteId,
        UUID eventId,
        String subject,
        String type,
        Instant occurredAt,
        String language,
        Double sentiment,
        String sentimentLabel,
        String deviceClass,
        String browser,
        String os,
        Integer localHour,
        Integer weekday,
        String referrerClass,
        Integer sessionDepth,
        List<String> keywords) {}
