package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.EventRetention;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.internal.persistence.EventPartitions;
import dev.attune.feedback.internal.persistence.JdbcRetention;
import dev.attune.feedback.internal.persistence.JdbcSiteRepository;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Whole partitions go once every site's retention has passed them (cheap: no row is touched); a site that keeps
 * less than the longest-keeping site loses its older rows by a delete. Every run that removed something, and every
 * run someone asked for, is in the audit log with its counts.
 */
@ApplicationScoped
public class DefaultEventRetention implements EventRetention {
    private static final Logger LOG = Logger.getLogger(DefaultEventRetention.class.getName());

    @Inject
    JdbcSiteRepository sites;

    @Inject
    EventPartitions partitions;

    @Inject
    JdbcRetention retention;

    @Inject
    AuditLog audit;

    Clock clock = Clock.systemUTC();

    @Override
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public synchronized RetentionReport enforce(String trigger) {
        Instant now = clock.instant();
        List<SiteSummary> all = sites.findAllIncludingRevoked();
        Map<UUID, Long> deleted = new HashMap<>();
        List<String> dropped = new ArrayList<>();
        if (!all.isEmpty()) {
            int longest =
                    all.stream().mapToInt(SiteSummary::retentionDays).max().orElseThrow();
            Instant everyoneDone = now.minus(Duration.ofDays(longest));
            for (EventPartitions.Partition p : partitions.list()) {
                if (!p.to().isAfter(everyoneDone)) {
                    retention.dropPartition(p).forEach((site, n) -> deleted.merge(site, n, Long::sum));
                    dropped.add(p.name());
                }
            }
            for (SiteSummary s : all) {
                long n = retention.deleteQuarantinedBefore(s.id(), cutoff(now, s));
                if (s.retentionDays() < longest) {
                    n += retention.deleteBefore(s.id(), cutoff(now, s));
                }
                deleted.merge(s.id(), n, Long::sum);
            }
        }
        // an event may be at most 30 days old, so no retry of an anonymously counted one comes later than that
        retention.deleteAnonymousKeysBefore(now.minus(Duration.ofDays(32)));
        List<SiteRetention> perSite = all.stream()
                .map(s -> new SiteRetention(
                        s.id(), s.name(), s.retentionDays(), cutoff(now, s), deleted.getOrDefault(s.id(), 0L)))
                .toList();
        RetentionReport report = new RetentionReport(now, trigger, perSite, List.copyOf(dropped));
        if (report.eventsDeleted() > 0 || !dropped.isEmpty() || !"schedule".equals(trigger)) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("trigger", trigger);
            detail.put("eventsDeleted", report.eventsDeleted());
            detail.put("droppedPartitions", dropped);
            Map<String, Object> bySite = new LinkedHashMap<>();
            perSite.forEach(s -> bySite.put(
                    s.siteId().toString(),
                    Map.of(
                            "site",
                            s.siteName(),
                            "retentionDays",
                            s.retentionDays(),
                            "cutoff",
                            s.cutoff().toString(),
                            "eventsDeleted",
                            s.eventsDeleted())));
            detail.put("sites", bySite);
            audit.record("retention.run", "feedback.event", AuditOutcome.SUCCESS, detail);
            LOG.info(() -> "Retention (" + trigger + "): " + report.eventsDeleted()
                    + " events removed, partitions dropped: " + dropped);
        }
        return report;
    }

    private static Instant cutoff(Instant now, SiteSummary site) {
        return now.minus(Duration.ofDays(site.retentionDays()));
    }
}
