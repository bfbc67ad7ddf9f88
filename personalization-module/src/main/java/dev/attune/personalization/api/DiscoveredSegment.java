package dev.attune.personalization.api;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A group of a site's subjects found by clustering their profiles (k-means++ on standardised features), with the
 * feature averages of its members ({@code profile}) and a description of what sets it apart from everyone else.
 */
public record DiscoveredSegment(
        UUID siteId, int cluster, long size, Map<String, Double> profile, String description, Instant computedAt) {}
