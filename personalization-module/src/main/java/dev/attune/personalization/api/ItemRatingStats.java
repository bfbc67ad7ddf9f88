package dev.attune.personalization.api;

import java.time.Instant;
import java.util.UUID;

/** How an item has been rated so far on one site. */
public record ItemRatingStats(UUID siteId, String itemId, long ratings, double averageRating, Instant lastRatedAt) {}
