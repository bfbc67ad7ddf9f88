package dev.attune.feedback.api;

import java.util.List;
import java.util.UUID;

/** Stores feedback exactly once per (site, event id) and announces it; queries it for the console. */
public interface FeedbackService {

    SubmissionResult submit(UUID siteId, NewFeedbackEvent event);

    long count(FeedbackQuery query);

    List<FeedbackEntry> search(FeedbackQuery query, FeedbackSort sort, int offset, int limit);
}
