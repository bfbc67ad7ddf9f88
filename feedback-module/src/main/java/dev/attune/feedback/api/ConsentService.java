package dev.attune.feedback.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The consent ledger: the only way any module learns whether it may use a subject's data. */
public interface ConsentService {

    /**
     * Appends the subject's choices (only those that change something) and answers the state after them. A purpose
     * that goes from granted to withdrawn is announced with {@link ConsentWithdrawn} after the commit.
     */
    ConsentState record(
            UUID siteId, String subjectId, Map<Purpose, Boolean> choices, String policyVersion, String source);

    ConsentState current(UUID siteId, String subjectId);

    /** Current states of many subjects at once, for ingest batches. */
    Map<String, ConsentState> current(UUID siteId, Collection<String> subjectIds);

    List<ConsentEntry> history(UUID siteId, String subjectId);
}
