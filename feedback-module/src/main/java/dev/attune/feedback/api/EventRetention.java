package dev.attune.feedback.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Removes raw events older than each site's retention period: whole daily partitions where it can, rows elsewhere. */
public interface EventRetention {

    /** Runs retention now; {@code trigger} says why ("schedule", "console", "api") and goes into the audit log. */
    RetentionReport enforce(String trigger);

    /** What one run removed. */
    record RetentionReport(Instant ranAt, String trigger, List<SiteRetention> sites, List<String> droppedPartitions) {
        public long eventsDeleted() {
            return sites.stream().mapToLong(SiteRetention::eventsDeleted).sum();
        }
    }

    /** One site's part of a run: events received before {@code cutoff} are gone. */
    record SiteRetention(UUID siteId, String siteName, int retentionDays, Instant cutoff, long eventsDeleted) {}
}
