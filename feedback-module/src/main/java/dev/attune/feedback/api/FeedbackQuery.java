package dev.attune.feedback.api;

import java.time.Instant;
import java.util.UUID;

/** Filters for the feedback explorer; null means "any". Text filters match exactly, except {@code textContains}. */
public record FeedbackQuery(
        UUID siteId, EventType type, String itemId, String subjectId, Instant from, Instant to, String textContains) {
    public static FeedbackQuery all() {
        return new FeedbackQuery(null, null, null, null, null, null, null);
    }
}
