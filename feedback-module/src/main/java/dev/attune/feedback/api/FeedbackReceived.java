package dev.attune.feedback.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An event stored for a subject who allows analytics, published by the feedback module's outbox after the commit that
 * stored it: at least once (after a crash, possibly again), so observers must be idempotent by
 * {@code (siteId, eventId)}. Quarantined and anonymized events are never published. {@code propertiesJson} and
 * {@code contextJson} are JSON objects as text (context: url, referrer, userAgent, locale, timeZone, screen,
 * sessionId, anonymousId, userId, item attributes).
 */
public record FeedbackReceived(UUID eventId, UUID siteId, String type, String subjectId, String itemId,
                               BigDecimal value, String text, String propertiesJson, String contextJson,
                               Instant occurredAt, Instant receivedAt) {
}
