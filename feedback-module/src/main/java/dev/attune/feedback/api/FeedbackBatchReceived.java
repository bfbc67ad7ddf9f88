package dev.attune.feedback.api;

import java.util.List;

/**
 * The events of one outbox batch, in commit order, fired just before their single {@link FeedbackReceived}
 * announcements: for observers that can do their work for many events at once (one statement for all the batch's
 * ratings, one query for all its subjects' profiles) instead of one round trip per event. The same guarantees as the
 * single events: published after commit, at least once, so observers must be idempotent by {@code (siteId, eventId)}.
 * When an observer fails on a batch, every event of it is announced again one by one, each as a batch of one before
 * its single event, so one event observers cannot take holds back no other. An observer that does an event's work
 * here must not do it again for the single event.
 */
public record FeedbackBatchReceived(List<FeedbackReceived> events) {
    public FeedbackBatchReceived {
        events = List.copyOf(events);
    }
}
