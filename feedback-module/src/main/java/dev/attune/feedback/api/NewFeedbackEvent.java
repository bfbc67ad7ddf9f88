package dev.attune.feedback.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A validated event ready to store; {@code propertiesJson} is a JSON object as text. */
public record NewFeedbackEvent(UUID eventId, EventType type, String subjectId, String itemId, BigDecimal value,
                               String text, Instant occurredAt, String propertiesJson) {
}
