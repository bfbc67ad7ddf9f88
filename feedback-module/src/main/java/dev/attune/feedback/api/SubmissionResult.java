package dev.attune.feedback.api;

import java.util.UUID;

/** What happened to a submitted event; a retry of a stored event id is a duplicate, never a second row. */
public record SubmissionResult(UUID eventId, boolean duplicate) {
}
