package dev.attune.it;

import dev.attune.feedback.api.FeedbackBatchReceived;
import dev.attune.feedback.api.FeedbackReceived;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-container: what a downstream module hears of a batch and its events, in order ("batch N: ids", "event: id"). It
 * fails on every batch of more than one event that holds an event of an item named {@code poison-*}, as an observer
 * would that cannot take that event in bulk.
 */
@ApplicationScoped
public class BatchRecorder {
    static final List<String> HEARD = new CopyOnWriteArrayList<>();

    void onBatch(@Observes FeedbackBatchReceived batch) {
        HEARD.add("batch " + batch.events().size() + ": "
                + batch.events().stream().map(e -> e.eventId().toString()).toList());
        if (batch.events().size() > 1
                && batch.events().stream()
                        .anyMatch(e -> e.itemId() != null && e.itemId().startsWith("poison-"))) {
            throw new IllegalStateException("cannot take item poison-* in a batch");
        }
    }

    void onEvent(@Observes FeedbackReceived event) {
        HEARD.add("event: " + event.eventId());
    }
}
