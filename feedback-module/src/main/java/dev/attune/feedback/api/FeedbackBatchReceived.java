package dev.attune.feedback.api;

import java.util.List;

/**
 * The events of one outbox batch, in commit order, announced inside the relay's JTA transaction that also deletes
 * their outbox rows, just before their single {@link FeedbackReceived} announcements. An observer that writes through
 * the application's data source in that transaction (a plain {@code @Observes}) commits exactly when the batch is
 * settled: a failure anywhere rolls back every observer's writes and the batch is announced again, each event alone
 * as a batch of one, so one event observers cannot take holds back no other. Effects outside the database belong in
 * {@code AFTER_SUCCESS} observers or after-commit synchronizations. The personalization module's pipeline is the
 * main observer.
 */
public record FeedbackBatchReceived(List<FeedbackReceived> events) {
    public FeedbackBatchReceived {
        events = List.copyOf(events);
    }
}
