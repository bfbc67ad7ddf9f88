package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.FeedbackEntry;
import dev.attune.feedback.api.FeedbackQuery;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.FeedbackSort;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.SubmissionResult;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.feedback.internal.persistence.JdbcEventStore;
import dev.attune.feedback.internal.persistence.JdbcEventStore.Candidate;
import dev.attune.feedback.internal.persistence.JdbcFeedbackRepository;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

@ApplicationScoped
public class DefaultFeedbackService implements FeedbackService {
    private static final int MAX_PAGE = 1_000;

    @Inject
    JdbcEventStore store;

    @Inject
    JdbcFeedbackRepository events;

    @Inject
    GroupCommitWriter writer;

    @Inject
    OutboxRelay relay;

    @Inject
    EventRules rules;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Override
    @Transactional
    public SubmissionResult submit(UUID siteId, NewFeedbackEvent event) {
        check(List.of(event));
        boolean stored = !store.storeInCurrentTransaction(List.of(new Candidate(siteId, event))).isEmpty();
        if (stored) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing to prepare
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.wake();
                    }
                }
            });
        }
        return new SubmissionResult(event.eventId(), !stored);
    }

    @Override
    public CompletionStage<List<SubmissionResult>> submitAll(UUID siteId, List<NewFeedbackEvent> batch) {
        check(batch);
        return writer.submit(batch.stream().map(e -> new Candidate(siteId, e)).toList());
    }

    private void check(List<NewFeedbackEvent> batch) {
        Instant now = Instant.now();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String prefix = batch.size() == 1 ? "" : "events/" + i + "/";
            rules.violations(batch.get(i), now).forEach(f -> errors.add(new FieldError(prefix + f.field(), f.message())));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid event", errors);
        }
    }

    @Override
    @Transactional
    public long count(FeedbackQuery query) {
        return events.count(query);
    }

    @Override
    @Transactional
    public List<FeedbackEntry> search(FeedbackQuery query, FeedbackSort sort, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset >= 0 and 0 <= limit <= " + MAX_PAGE + " required");
        }
        return events.search(query, sort, offset, limit);
    }
}
