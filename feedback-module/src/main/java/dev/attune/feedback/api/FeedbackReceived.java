package dev.attune.feedback.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An accepted feedback event, fired inside the storing transaction; observe it {@code during = AFTER_SUCCESS}. */
public record FeedbackReceived(UUID eventId, UUID siteId, String type, String subjectId, String itemId,
                               BigDecimal value, Instant occurredAt) {
}
