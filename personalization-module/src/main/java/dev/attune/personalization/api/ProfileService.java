package dev.attune.personalization.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Live profiles: read from memory, persisted, rebuilt from the stored events on demand; and what was derived per event. */
public interface ProfileService {

    Optional<Profile> find(UUID siteId, String subject);

    /** The site's most recently seen profiles (newest first). */
    List<Profile> recent(UUID siteId, int limit);

    /**
     * Recomputes the profile from the subject's stored events (the same arithmetic as the live updates, so the same
     * result), replaces the live one and answers it; empty without {@code personalization} consent or events.
     */
    Optional<Profile> rebuild(UUID siteId, String subject);

    /** The enrichment derived from one event (its lineage), once it was processed. */
    Optional<EventEnrichment> enrichment(UUID siteId, UUID eventId);

    /** The subject's newest enrichments, newest first. */
    List<EventEnrichment> enrichments(UUID siteId, String subject, int limit);
}
