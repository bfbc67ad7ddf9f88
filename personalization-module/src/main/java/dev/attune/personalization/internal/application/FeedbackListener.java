package dev.attune.personalization.internal.application;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.FeedbackReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Learns from a rating only once the feedback module has committed it. */
@ApplicationScoped
public class FeedbackListener {

    @Inject
    ItemRatingStatsUpdater updater;

    void onFeedback(@Observes(during = TransactionPhase.AFTER_SUCCESS) FeedbackReceived event) {
        if (EventType.RATING.wireName().equals(event.type()) && event.itemId() != null && event.value() != null) {
            updater.apply(event);
        }
    }
}
