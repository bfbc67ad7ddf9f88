package dev.attune.platform.api;

import java.time.Instant;
import java.util.List;

/** Reading the audit log: entries filtered and paged (newest first), for the console and auditors. */
public interface AuditTrail {

    /** One entry as stored; {@code detail} is its JSON (before/after where the action recorded them). */
    record Entry(
            long id,
            Instant at,
            String actor,
            String action,
            String target,
            String outcome,
            String sourceIp,
            String detail,
            String hash) {}

    /**
     * Filters, each optional (null): actor (exact, case-insensitive), action (prefix: {@code identity.} finds every
     * identity action), target (contains), text (contained in the detail JSON), outcome, time range [from, to).
     */
    record Query(String actor, String action, String target, String text, String outcome, Instant from, Instant to) {
        public static final Query ALL = new Query(null, null, null, null, null, null, null);
    }

    long count(Query query);

    List<Entry> search(Query query, int offset, int limit);

    /** The actions recorded so far (for filter pickers). */
    List<String> actions();

    /** How many days entries are kept ({@code attune.audit.retention-days}); older ones go in the nightly run. */
    int retentionDays();

    /** Runs the audit retention now: deletes entries past {@link #retentionDays()}, re-anchors the chain, audits the run. */
    long enforceRetention();
}
