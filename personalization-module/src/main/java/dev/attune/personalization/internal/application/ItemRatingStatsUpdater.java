package dev.attune.personalization.internal.application;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.internal.persistence.JdbcItemRatingStatsRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

@ApplicationScoped
public class ItemRatingStatsUpdater {

    @Inject
    JdbcItemRatingStatsRepository stats;

    /** Idempotent: an event id seen before changes nothing. */
    @Transactional(TxType.REQUIRES_NEW)
    public void apply(FeedbackReceived rating) {
        stats.addRatingOnce(rating.siteId(), rating.eventId(), rating.itemId(), rating.value(), rating.occurredAt());
    }
}
