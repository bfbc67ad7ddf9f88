package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.FeedbackEntry;
import dev.attune.feedback.api.FeedbackQuery;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.FeedbackSort;
import dev.attune.feedback.api.IngestSource;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SubmissionResult;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.feedback.internal.integrity.IntegrityScreen;
import dev.attune.feedback.internal.persistence.JdbcAnonymousCounts;
import dev.attune.feedback.internal.persistence.JdbcEventStore;
import dev.attune.feedback.internal.persistence.JdbcEventStore.Candidate;
import dev.attune.feedback.internal.persistence.JdbcFeedbackRepository;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.JsonSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

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

    @Inject
    ConsentService consent;

    @Inject
    JdbcAnonymousCounts anonymous;

    @Override
    @Transactional
    public SubmissionResult submit(UUID siteId, NewFeedbackEvent event) {
        check(List.of(event));
        if (!consent.current(siteId, event.subjectId()).allows(Purpose.ANALYTICS)) {
            boolean retry = !anonymous.add(siteId, List.of(event)).isEmpty();
            return new SubmissionResult(
                    event.eventId(), retry ? SubmissionResult.Status.DUPLICATE : SubmissionResult.Status.ANONYMIZED);
        }
        Candidate candidate = screened(siteId, event, IngestSource.UNKNOWN_SERVER, true);
        boolean stored = !store.storeInCurrentTransaction(List.of(candidate)).isEmpty();
        if (stored && !candidate.quarantined()) {
            relay.wakeAfterCommit();
        }
        return new SubmissionResult(
                event.eventId(),
                !stored
                        ? SubmissionResult.Status.DUPLICATE
                        : candidate.quarantined()
                                ? SubmissionResult.Status.QUARANTINED
                                : SubmissionResult.Status.ACCEPTED);
    }

    @Inject
    IntegrityScreen integrity;

    @Override
    public CompletionStage<List<SubmissionResult>> submitAll(
            UUID siteId, List<NewFeedbackEvent> batch, IngestSource source) {
        check(batch);
        Map<String, ConsentState> states = consent.current(
                siteId, batch.stream().map(NewFeedbackEvent::subjectId).collect(Collectors.toSet()));
        List<NewFeedbackEvent> kept = new ArrayList<>();
        List<NewFeedbackEvent> counted = new ArrayList<>();
        for (NewFeedbackEvent e : batch) {
            (states.get(e.subjectId()).allows(Purpose.ANALYTICS) ? kept : counted).add(e);
        }
        Set<NewFeedbackEvent> retries = counted.isEmpty() ? Set.of() : anonymous.add(siteId, counted);
        if (kept.isEmpty()) {
            return CompletableFuture.completedFuture(anonymized(batch, retries));
        }
        // a browser's events, or one event alone, have a visitor waiting on what they change: the live lane
        boolean live = source.browser() || batch.size() == 1;
        return writer.submit(kept.stream()
                        .map(e -> screened(siteId, e, source, live))
                        .toList())
                .thenApply(stored -> merge(batch, kept, stored, retries));
    }

    /** A clean candidate, or one for quarantine with the reason. */
    private Candidate screened(UUID siteId, NewFeedbackEvent raw, IngestSource source, boolean live) {
        NewFeedbackEvent event = withUserAgent(raw, source);
        return integrity
                .screen(siteId, event, source)
                .map(s -> new Candidate(siteId, event, s.reason(), s.detail(), source.clientAddress(), false))
                .orElseGet(() -> new Candidate(siteId, event, null, null, null, live));
    }

    /**
     * A browser's event keeps the browser's user agent in its context (for enrichment: device class, browser, OS)
     * unless the page sent one itself.
     */
    static NewFeedbackEvent withUserAgent(NewFeedbackEvent e, IngestSource source) {
        if (!source.browser()
                || source.userAgent() == null
                || source.userAgent().isBlank()
                || (e.contextJson() != null && e.contextJson().contains("\"userAgent\""))) {
            return e;
        }
        JsonObject context = JsonValue.EMPTY_JSON_OBJECT;
        if (e.contextJson() != null && !e.contextJson().isBlank()) {
            try {
                context = JsonSupport.JSON
                        .createReader(new StringReader(e.contextJson()))
                        .readObject();
            } catch (RuntimeException ex) {
                return e;
            }
        }
        String agent = source.userAgent().length() > 512 ? source.userAgent().substring(0, 512) : source.userAgent();
        String json = JsonSupport.JSON
                .createObjectBuilder(context)
                .add("userAgent", agent)
                .build()
                .toString();
        return new NewFeedbackEvent(
                e.eventId(),
                e.type(),
                e.subjectId(),
                e.itemId(),
                e.value(),
                e.text(),
                e.occurredAt(),
                e.propertiesJson(),
                json);
    }

    /** Results in the order of the batch: stored ones from the writer, the others anonymized. */
    private static List<SubmissionResult> merge(
            List<NewFeedbackEvent> batch,
            List<NewFeedbackEvent> kept,
            List<SubmissionResult> stored,
            Set<NewFeedbackEvent> retries) {
        if (kept.size() == batch.size()) {
            return stored;
        }
        Map<NewFeedbackEvent, SubmissionResult> byEvent = new IdentityHashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            byEvent.put(kept.get(i), stored.get(i));
        }
        return batch.stream()
                .map(e -> byEvent.getOrDefault(e, anonymized(e, retries)))
                .toList();
    }

    private static List<SubmissionResult> anonymized(List<NewFeedbackEvent> batch, Set<NewFeedbackEvent> retries) {
        return batch.stream().map(e -> anonymized(e, retries)).toList();
    }

    private static SubmissionResult anonymized(NewFeedbackEvent e, Set<NewFeedbackEvent> retries) {
        return new SubmissionResult(
                e.eventId(),
                retries.contains(e) ? SubmissionResult.Status.DUPLICATE : SubmissionResult.Status.ANONYMIZED);
    }

    private void check(List<NewFeedbackEvent> batch) {
        Instant now = Instant.now();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            String prefix = batch.size() == 1 ? "" : "events/" + i + "/";
            rules.violations(batch.get(i), now)
                    .forEach(f -> errors.add(new FieldError(prefix + f.field(), f.message())));
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
    public List<FeedbackReceived> history(UUID siteId, String subjectId, int limit) {
        if (limit < 1 || limit > 100_000) {
            throw new IllegalArgumentException("1 <= limit <= 100000 required");
        }
        return events.history(siteId, subjectId, limit);
    }

    @Override
    @Transactional
    public Optional<FeedbackEntry> find(UUID siteId, UUID eventId) {
        return events.find(siteId, eventId);
    }

    @Override
    public List<FeedbackEntry> search(FeedbackQuery query, FeedbackSort sort, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset >= 0 and 0 <= limit <= " + MAX_PAGE + " required");
        }
        return events.search(query, sort, offset, limit);
    }

    @Override
    public List<SubjectEvents> summary(UUID siteId, Collection<String> subjectIds) {
        if (subjectIds.size() > 1000) {
            throw new IllegalArgumentException("at most 1000 subjects");
        }
        return subjectIds.isEmpty() ? List.of() : events.summary(siteId, subjectIds);
    }
}
