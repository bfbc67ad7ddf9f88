package dev.attune.personalization.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Data lineage of an event: what Attune derived from it. The enrichment names the event exactly; the profile, the
 * experiment metrics that count its type for the person, and the segment changes, rule firings and recommendation lists
 * of the same person within a minute after the event arrived are what its arrival fed (they are computed from the
 * person's state, which the event changed); {@code exact} tells the two apart.
 */
public interface LineageService {

    /** One derived fact: its kind ({@code enrichment, profile, segment, rule, recommendation, experiment}), what, when. */
    record Derived(String kind, String what, Instant at, boolean exact) {}

    record EventLineage(
            UUID eventId,
            String type,
            String subject,
            String personKey,
            Instant occurredAt,
            Instant receivedAt,
            Optional<EventEnrichment> enrichment,
            List<Derived> derived) {}

    /** Empty when the site has no such event (never stored, or removed by retention or erasure). */
    Optional<EventLineage> event(UUID siteId, UUID eventId);

    /**
     * Where a person's data came from, for any of the person's subjects: the identifiers Attune holds (kind, a masked
     * hint, the source that linked each and when), the stored events per subject and type (how many, first and last),
     * the consent ledger of every linked subject, and the profile and segments derived from it all.
     */
    record PersonLineage(
            String subject,
            String personKey,
            Optional<UUID> personId,
            List<IdentifierSource> identifiers,
            List<EventSource> events,
            List<ConsentRecord> consents,
            Optional<ProfileSummary> profile) {}

    /** An identifier of the person: {@code source} is what linked it (widget, api, import:…, linkage, console). */
    record IdentifierSource(
            String kind, String hint, String source, double confidence, Instant firstSeen, Instant lastSeen) {}

    /** Stored events of one subject and type. */
    record EventSource(String subject, String type, long count, Instant first, Instant last) {}

    /** One line of a linked subject's consent ledger. */
    record ConsentRecord(
            String subject, String purpose, boolean granted, String policyVersion, String source, Instant at) {}

    record ProfileSummary(long events, Instant firstSeen, Instant lastSeen, List<String> segments) {}

    /** Empty when no subject of the site is known by that id (no identifier, event, consent or profile). */
    Optional<PersonLineage> person(UUID siteId, String subject);
}
