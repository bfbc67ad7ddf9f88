package dev.attune.personalization.api;

import java.time.Instant;
import java.util.UUID;

/**
 * Something changed on a site that a product manager should look at: a drift in its ratings or in the sentiment of
 * its texts ({@code rating_drift}, {@code sentiment_drift}; {@code increase} says which way), or an anomalous event
 * rate ({@code rate_spike}, {@code rate_drop}). {@code value} is what was seen (the new level), {@code expected} the
 * level before. Fired as a CDI event when raised, and kept.
 */
public record MonitorAlert(
        UUID id,
        UUID siteId,
        String kind,
        boolean increase,
        String message,
        double value,
        double expected,
        Instant at) {}
