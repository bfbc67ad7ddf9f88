package dev.attune.identity.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The identity graph of each site. Every call that links identifiers merges the persons they belong to
 * incrementally (the smaller component joins the larger), except that two different user ids never merge: such a call
 * records a {@link Conflict} and, when made explicitly, fails with 409. Merges and unmerges are audited.
 */
public interface IdentityService {

    /**
     * The widget or a server said who a subject is: links the anonymous subject to the user id and to the traits that
     * are identifiers ({@code email}, {@code phone}, {@code deviceId}). Answers the person.
     */
    Person identify(UUID siteId, String subject, String userId, Map<String, String> traits, String source);

    /** Links two identifiers (from an alias call, an import or a reviewer) with a confidence in (0, 1]. */
    Person alias(UUID siteId, IdentifierRef a, IdentifierRef b, String source, double confidence);

    /** The person an identifier belongs to. */
    Optional<Person> lookup(UUID siteId, IdentifierRef identifier);

    Optional<Person> person(UUID personId);

    /** The person with identifiers, edges and history. */
    Optional<PersonGraph> graph(UUID personId);

    /**
     * The key other modules keep a subject's per-person state under: the person's first anonymous subject (so a subject
     * never linked to anyone is its own key, and an unmerge gives every split part its own first subject back).
     */
    String personKey(UUID siteId, String subject);

    /** All anonymous subjects of the subject's person (the subject alone when it is unknown). */
    Set<String> linkedSubjects(UUID siteId, String subject);

    /** Merges two persons by hand (an edge between their oldest identifiers, source "console"). */
    Person merge(UUID siteId, UUID personA, UUID personB);

    /** Removes an edge; when the person falls apart the parts become persons again (the absorbed one under its old id). */
    List<Person> unmerge(UUID siteId, long edgeId);

    /** Newest persons of a site, most recently changed first. */
    List<Person> recent(UUID siteId, int limit);

    List<Conflict> conflicts(UUID siteId, boolean openOnly, int limit);

    void resolveConflict(UUID siteId, long conflictId);
}
