package dev.attune.personalization.internal.profiles;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.ProfileRetention;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Profile retention: per-site days (default {@code attune.profiles.retention-days}), enforced by deleting stale profiles. */
@ApplicationScoped
public class DefaultProfileRetention implements ProfileRetention {

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    @Inject
    SiteService sites;

    @Inject
    DefaultProfileService profiles;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "attune.profiles.retention-days", defaultValue = "365")
    int defaultDays;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    @Override
    public int profileDays(UUID siteId) {
        return sql.one(
                        "SELECT profile_days FROM personalization.site_retention WHERE site_id = ?",
                        rs -> rs.getInt(1),
                        siteId)
                .orElse(defaultDays);
    }

    @Override
    public void setProfileDays(UUID siteId, int days) {
        if (days < 1 || days > 3650) {
            throw InvalidInputException.of("profileDays", "must be between 1 and 3650 days");
        }
        int before = profileDays(siteId);
        sql.update("""
                INSERT INTO personalization.site_retention (site_id, profile_days) VALUES (?, ?)
                ON CONFLICT (site_id) DO UPDATE SET profile_days = EXCLUDED.profile_days, updated_at = now()""", siteId, days);
        audit.record(
                "retention.profiles.policy",
                siteId.toString(),
                AuditOutcome.SUCCESS,
                Map.of("before", before, "after", days));
    }

    @Override
    public Map<UUID, Long> enforce(String trigger) {
        Map<UUID, Long> out = new LinkedHashMap<>();
        for (SiteSummary site : sites.listSites()) {
            int days = profileDays(site.id());
            Instant cutoff = Instant.now().minus(days, ChronoUnit.DAYS);
            profiles.dropStale(site.id(), cutoff);
            long deleted = sql.one("""
                    WITH gone AS (DELETE FROM personalization.profile WHERE site_id = ? AND last_seen < ? RETURNING subject),
                         members AS (DELETE FROM personalization.segment_member m USING gone WHERE m.subject = gone.subject
                                        AND m.segment_id IN (SELECT s.id FROM personalization.segment s WHERE s.site_id = ?)),
                         ratings AS (DELETE FROM personalization.subject_rating r USING gone WHERE r.site_id = ? AND r.subject_id = gone.subject)
                    SELECT count(*) FROM gone""", rs -> rs.getLong(1), site.id(), cutoff, site.id(), site.id())
                    .orElse(0L);
            int enrichments = sql.update(
                    "DELETE FROM personalization.enrichment WHERE site_id = ? AND occurred_at < ?", site.id(), cutoff);
            out.put(site.id(), deleted);
            audit.recordAs(
                    "system",
                    "retention.profiles",
                    site.id().toString(),
                    AuditOutcome.SUCCESS,
                    Map.of(
                            "trigger",
                            trigger,
                            "days",
                            days,
                            "profilesDeleted",
                            deleted,
                            "enrichmentsDeleted",
                            enrichments,
                            "cutoff",
                            cutoff.toString()));
        }
        return out;
    }
}
