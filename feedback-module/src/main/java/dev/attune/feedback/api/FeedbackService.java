package dev.attune.feedback.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Stores feedback exactly once per (site, event id) and announces it with {@link FeedbackReceived} after the
 * commit (through an outbox, so a crash cannot lose the announcement); queries it for the console.
 */
public interface FeedbackService {

    /** Within the caller's transaction; announced once that commits. */
    SubmissionResult submit(UUID siteId, NewFeedbackEvent event);

    /**
     * Through the group-commit writer, in its own transaction: completes, in order, once the events are committed.
     * Fails with {@link IngestUnavailableException} when they could not be stored (nothing was acknowledged).
     */
    CompletionStage<List<SubmissionResult>> submitAll(UUID siteId, List<NewFeedbackEvent> events, IngestSource source);

    /** From a server integration whose address and user agent are unknown. */
    default CompletionStage<List<SubmissionResult>> submitAll(UUID siteId, List<NewFeedbackEvent> events) {
        return submitAll(siteId, events, IngestSource.UNKNOWN_SERVER);
    }

    long count(FeedbackQuery query);

    List<FeedbackEntry> search(FeedbackQuery query, FeedbackSort sort, int offset, int limit);

    /** One stored event by its id (for lineage). */
    Optional<FeedbackEntry> find(UUID siteId, UUID eventId);

    /**
     * A subject's stored events, oldest first (by occurrence, then arrival), as they were announced: for modules that
     * rebuild what they derived from events (profiles) and must get the same result as from the live announcements.
     * At most {@code limit} (up to 100,000) of the newest.
     */
    List<FeedbackReceived> history(UUID siteId, String subjectId, int limit);

    /** How many events of a type a subject has stored, and the first and last time one occurred (for lineage). */
    record SubjectEvents(String subjectId, String type, long count, Instant first, Instant last) {}

    /** Per subject and type, for these subjects (at most 1,000), ordered by subject and type. */
    List<SubjectEvents> summary(UUID siteId, Collection<String> subjectIds);
}
