package dev.attune.feedback.api;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Implemented by the module that resolves identities (when deployed): the subjects known to be the same person as
 * this one (itself included). Consent is per person: a purpose one of them withdrew is withdrawn for all of them.
 */
public interface SubjectLinks {
    Set<String> linked(UUID siteId, String subjectId);

    /**
     * The same for many subjects at once (a batch of events): each subject maps to its linked subjects, itself
     * included. Implementations answer it with one look-up for the subjects they do not know yet.
     */
    default Map<String, Set<String>> linked(UUID siteId, Collection<String> subjectIds) {
        Map<String, Set<String>> linked = new HashMap<>();
        for (String subject : subjectIds) {
            linked.put(subject, linked(siteId, subject));
        }
        return linked;
    }
}
