package dev.attune.feedback.api;

import java.util.Set;
import java.util.UUID;

/**
 * Implemented by the module that resolves identities (when deployed): the subjects known to be the same person as
 * this one (itself included). Consent is per person: a purpose one of them withdrew is withdrawn for all of them.
 */
public interface SubjectLinks {
    Set<String> linked(UUID siteId, String subjectId);
}
