package dev.attune.feedback.api;

import java.util.Locale;
import java.util.UUID;

/**
 * What happened to a submitted event: stored; a retry of a stored event id (never a second row); for a subject
 * without analytics consent, only counted anonymously (nothing about the subject kept); or kept in quarantine for
 * review (senders are told "accepted", so a bot learns nothing about the filter).
 */
public record SubmissionResult(UUID eventId, Status status) {
    public enum Status {
        ACCEPTED,
        DUPLICATE,
        ANONYMIZED,
        QUARANTINED;

        /** As senders see it: a quarantined event is "accepted". */
        public String wireName() {
            return this == QUARANTINED ? "accepted" : name().toLowerCase(Locale.ROOT);
        }
    }

    public boolean duplicate() {
        return status == Status.DUPLICATE;
    }
}
