package dev.attune.feedback.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Review of quarantined events: list them, release them into the event store (then published), or delete them. */
public interface QuarantineService {

    /** What to list: any of the fields may be null (all sites, every reason, any time). */
    record Query(UUID siteId, QuarantineReason reason, Instant from, Instant to) {
        public static final Query ALL = new Query(null, null, null, null);
    }

    long count(Query query);

    /** Newest first. */
    List<QuarantinedEvent> search(Query query, int offset, int limit);

    /** Events per reason since the given time, for a site or (null) all sites. */
    Map<QuarantineReason, Long> countsByReason(UUID siteId, Instant since);

    /** Moves the events into the event store as received now, publishes them; audited. How many were released. */
    int release(UUID siteId, Collection<UUID> eventIds);

    /** Deletes the events for good; audited. How many were deleted. */
    int delete(UUID siteId, Collection<UUID> eventIds);
}
