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
    record Derived(String kind, String what, Instant at, boolean exact) {
    }

    record EventLineage(UUID eventId, String type, String subject, String personKey, Instant occurredAt, Instant receivedAt,
                        Optional<EventEnrichment> enrichment, List<Derived> derived) {
    }

    /** Empty when the site has no such event (never stored, or removed by retention or erasure). */
    Optional<EventLineage> event(UUID siteId, UUID eventId);
}
