package dev.attune.feedback.api;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A visitor's widget said who the visitor is ({@code attune.identify}): the anonymous subject and the site's user id,
 * with traits and {@code userHash} (the site server's HMAC of the user id, or null). Published for the identity module,
 * which checks the hash, refuses the identify where the site requires verification and the hash is wrong, and marks
 * the claim {@link #verified()}; only sent when the subject has analytics consent.
 */
public record VisitorIdentified(
        UUID siteId,
        String subjectId,
        String userId,
        Map<String, String> traits,
        String userHash,
        AtomicBoolean checked) {

    public VisitorIdentified(
            UUID siteId, String subjectId, String userId, Map<String, String> traits, String userHash) {
        this(siteId, subjectId, userId, traits, userHash, new AtomicBoolean());
    }

    /** Whether the observer found {@code userHash} valid (it links the user id as verified then). */
    public boolean verified() {
        return checked.get();
    }

    public void markVerified() {
        checked.set(true);
    }
}
