package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.QuarantineReason;
import dev.attune.feedback.api.QuarantineService;
import dev.attune.feedback.api.QuarantinedEvent;
import dev.attune.feedback.internal.persistence.JdbcQuarantine;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class DefaultQuarantineService implements QuarantineService {
    private static final int MAX_PAGE = 1_000;
    private static final int MAX_IDS = 1_000;

    @Inject
    JdbcQuarantine quarantine;

    @Inject
    OutboxRelay relay;

    @Inject
    AuditLog audit;

    @Override
    public long count(Query query) {
        return quarantine.count(query);
    }

    @Override
    public List<QuarantinedEvent> search(Query query, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("offset >= 0 and 0 <= limit <= " + MAX_PAGE + " required");
        }
        return quarantine.search(query, offset, limit);
    }

    @Override
    public Map<QuarantineReason, Long> countsByReason(UUID siteId, Instant since) {
        return quarantine.countsByReason(siteId, since);
    }

    @Override
    @Transactional
    public int release(UUID siteId, Collection<UUID> eventIds) {
        check(siteId, eventIds);
        int released = quarantine.release(siteId, eventIds);
        audit.record(
                "quarantine.release",
                siteId.toString(),
                AuditOutcome.SUCCESS,
                Map.of(
                        "requested",
                        eventIds.size(),
                        "released",
                        released,
                        "eventIds",
                        eventIds.stream().map(UUID::toString).toList()));
        relay.wakeAfterCommit();
        return released;
    }

    @Override
    @Transactional
    public int delete(UUID siteId, Collection<UUID> eventIds) {
        check(siteId, eventIds);
        int deleted = quarantine.delete(siteId, eventIds);
        audit.record(
                "quarantine.delete",
                siteId.toString(),
                AuditOutcome.SUCCESS,
                Map.of(
                        "requested",
                        eventIds.size(),
                        "deleted",
                        deleted,
                        "eventIds",
                        eventIds.stream().map(UUID::toString).toList()));
        return deleted;
    }

    private static void check(UUID siteId, Collection<UUID> eventIds) {
        if (siteId == null) {
            throw InvalidInputException.of("siteId", "is required");
        }
        if (eventIds == null || eventIds.isEmpty() || eventIds.size() > MAX_IDS) {
            throw InvalidInputException.of("eventIds", "must name between 1 and " + MAX_IDS + " events");
        }
    }
}
