package dev.attune.feedback.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One stored feedback event as the explorer lists it. */
public record FeedbackEntry(
        UUID eventId,
        UUID siteId,
        String siteName,
        String type,
        String subjectId,
        String itemId,
        BigDecimal value,
        String text,
        Instant occurredAt,
        Instant receivedAt) {}
