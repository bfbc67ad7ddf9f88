package dev.attune.personalization.internal.application;

import dev.attune.personalization.api.ItemRatingStats;
import dev.attune.personalization.api.ItemRatingStatsService;
import dev.attune.personalization.internal.persistence.JdbcItemRatingStatsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DefaultItemRatingStatsService implements ItemRatingStatsService {

    @Inject
    JdbcItemRatingStatsRepository stats;

    @Override
    public Optional<ItemRatingStats> find(UUID siteId, String itemId) {
        return stats.find(siteId, itemId);
    }

    @Override
    public List<ItemRatingStats> mostRated(UUID siteId, int limit) {
        return stats.mostRated(siteId, Math.max(0, Math.min(limit, 1000)));
    }
}
