package dev.attune.it;

import dev.attune.personalization.api.SegmentChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-container, test deployments only: makes the pipeline's profile stage fail. Segment changes are announced from
 * inside that stage (after the enrichment, rating and profile writes of the batch, before its KPI and experiment
 * writes), so throwing here fails the stage half-way through the batch's transaction. It throws while
 * {@link #failures} is above zero for a subject starting with {@link #subjectPrefix}.
 */
@ApplicationScoped
public class FailingStage {
    static final AtomicInteger failures = new AtomicInteger();
    static final AtomicInteger calls = new AtomicInteger();
    static volatile String subjectPrefix = "\u0000";

    void onSegmentChanged(@Observes SegmentChanged change) {
        if (change.subject().startsWith(subjectPrefix)) {
            calls.incrementAndGet();
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("the profile stage fails for " + change.subject() + " (test)");
            }
        }
    }
}
