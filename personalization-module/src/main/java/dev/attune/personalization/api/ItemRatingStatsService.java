package dev.attune.personalization.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Per-item rating statistics, kept in step with every accepted rating. */
public interface ItemRatingStatsService {

    Optional<ItemRatingStats> find(UUID siteId, String itemId);

    /** The most-rated items of a site, best average first among equals. */
    List<ItemRatingStats> mostRated(UUID siteId, int limit);
}
