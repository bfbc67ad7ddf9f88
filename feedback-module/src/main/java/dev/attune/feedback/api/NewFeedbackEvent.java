package dev.attune.feedback.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A validated event ready to store; {@code propertiesJson} and {@code contextJson} are JSON objects as text (context:
 * url, referrer, userAgent, locale, timeZone, screen, sessionId).
 */
public record NewFeedbackEvent(
        UUID eventId,
        EventType type,
        String subjectId,
        String itemId,
        BigDecimal value,
        String text,
        Instant occurredAt,
        String propertiesJson,
        String contextJson) {

    /** An event without context, as server-side integrations often send. */
    public NewFeedbackEvent(
            UUID eventId,
            EventType type,
            String subjectId,
            String itemId,
            BigDecimal value,
            String text,
            Instant occurredAt,
            String propertiesJson) {
        this(eventId, type, subjectId, itemId, value, text, occurredAt, propertiesJson, "{}");
    }
}
