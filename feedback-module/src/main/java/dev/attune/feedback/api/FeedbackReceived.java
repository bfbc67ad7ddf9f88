package dev.attune.feedback.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An event stored for a subject who allows analytics, announced by the feedback module's outbox relay after the
 * commit that stored it, inside the relay's transaction (see {@link FeedbackBatchReceived}): an observer's writes in
 * that transaction are applied exactly once; an observer acting outside the database may see the event again after a
 * failed batch. Quarantined and anonymized events are never published. {@code propertiesJson} and
 * {@code contextJson} are JSON objects as text (context: url, referrer, userAgent, locale, timeZone, screen,
 * sessionId, anonymousId, userId, item attributes).
 */
public record FeedbackReceived(
        UUID eventId,
        UUID siteId,
        String type,
        String subjectId,
        String itemId,
        BigDecimal value,
        String text,
        String propertiesJson,
        String contextJson,
        Instant occurredAt,
        Instant receivedAt) {}
