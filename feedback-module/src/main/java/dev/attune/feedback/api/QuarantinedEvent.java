package dev.attune.feedback.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An event held in quarantine, as the console lists it. */
public record QuarantinedEvent(
        UUID siteId,
        String siteName,
        UUID eventId,
        QuarantineReason reason,
        String detail,
        String type,
        String subjectId,
        String itemId,
        BigDecimal value,
        String text,
        String contextJson,
        Instant occurredAt,
        Instant quarantinedAt,
        String clientAddress) {}
