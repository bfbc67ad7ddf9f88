package dev.attune.personalization.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A subject's live profile, updated with each event it sends (with {@code personalization} consent). Scores are
 * recency-weighted (each event's weight halves every half-life, as of {@code asOf}): per item and per item attribute
 * (genre, category) the interest shown by views, clicks, dwell, carts, purchases and ratings, where low ratings,
 * thumbs down and negative text count against. Also: the average rating, the latest NPS answer and its class, CSAT,
 * the sentiment of the subject's texts (an exponentially weighted average, newest weighing most) and its trend (the
 * slope per day of a recency-weighted line through them, null until the texts span some time), an engagement
 * score (recency-weighted activity), last seen, and the device and event type mix.
 */
public record Profile(
        UUID siteId,
        String subject,
        long events,
        Instant firstSeen,
        Instant lastSeen,
        Instant asOf,
        List<Score> items,
        List<Score> attributes,
        Double averageRating,
        long ratings,
        Integer latestNps,
        String npsClass,
        Integer latestCsat,
        Double averageCsat,
        Double sentiment,
        Double lastSentiment,
        Double sentimentTrend,
        long sentimentTexts,
        double engagement,
        Map<String, Long> devices,
        Map<String, Long> eventTypes) {

    /** An item's or attribute's recency-weighted score and how many events touched it. */
    public record Score(String key, double score, long events) {}
}
