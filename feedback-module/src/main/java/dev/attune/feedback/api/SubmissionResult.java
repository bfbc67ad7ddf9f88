package dev.attune.feedback.api;

import java.util.Locale;
import java.util.UUID;

/**
 * What happened to a submitted event: stored; a retry of a stored event id (never a second row); or, for a subject
 * without analytics consent, only counted anonymously (nothing about the subject kept).
 */
public record SubmissionResult(UUID eventId, Status status) {
    public enum Status {
        ACCEPTED, DUPLICATE, ANONYMIZED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean duplicate() {
        return status == Status.DUPLICATE;
    }
}
