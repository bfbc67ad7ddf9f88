package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.FeedbackEntry;
import dev.attune.feedback.api.FeedbackQuery;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.FeedbackSort;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.SubmissionResult;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.feedback.internal.persistence.JdbcFeedbackRepository;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class DefaultFeedbackService implements FeedbackService {
    private static final int MAX_PAGE = 1_000;

    @Inject
    JdbcFeedbackRepository events;

    @Inject
    Event<FeedbackReceived> received;

    @Inject
    EventRules rules;

    @Override
    public SubmissionResult submit(UUID siteId, NewFeedbackEvent event) {
        var violations = rules.violations(event, Instant.now());
        if (!violations.isEmpty()) {
            throw new InvalidInputException(400, "Invalid event", violations);
        }
        boolean stored = events.insertIfAbsent(siteId, event);
        if (stored) {
            received.fire(new FeedbackReceived(event.eventId(), siteId, event.type().wireName(), event.subjectId(),
                    event.itemId(), event.value(), event.occurredAt()));
        }
        return new SubmissionResult(event.eventId(), !stored);
    }

    @Override
    public long count(FeedbackQuery query) {
        return events.count(query);
    }

    @Override
    public List<FeedbackEntry> search(FeedbackQuery query, FeedbackSort sort, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset >= 0 and 0 <= limit <= " + MAX_PAGE + " required");
        }
        return events.search(query, sort, offset, limit);
    }
}
