package dev.attune.personalization.internal.privacy;

import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.Purpose;
import dev.attune.platform.api.PersonalData;
import dev.attune.platform.api.PersonalTables;
import dev.attune.platform.api.PersonalTables.Table;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the personalization module holds about a subject: profile, enrichments, segment memberships and their changes,
 * ratings, daily activity, experiment assignments and per-unit metrics, rule firings, served recommendation lists.
 * Erasure first announces a withdrawal of every purpose inside the module (so each part drops its memory: live
 * profiles, pending writes, caps, cached lists), then deletes every remaining row. Totals over many units (item
 * rating stats, experiment totals) hold nothing about one person and stay; models fitted before the erasure lose the
 * person at their next refit.
 */
@ApplicationScoped
public class PersonalizationPersonalData implements PersonalData {
    private static final String SUBJECT = "x.site_id = :site AND x.subject = ANY (:subjects)";
    private static final String IN_SEGMENT = "x.subject = ANY (:subjects) AND x.segment_id IN "
            + "(SELECT s.id FROM personalization.segment s WHERE s.site_id = :site)";
    private static final String IN_EXPERIMENT = "x.unit = ANY (:subjects) AND x.experiment_id IN "
            + "(SELECT e.id FROM personalization.experiment e WHERE e.site_id = :site)";
    private static final List<Table> TABLES = List.of(
            new Table("profile", "personalization.profile", SUBJECT),
            new Table("enrichments", "personalization.enrichment", SUBJECT),
            new Table("segmentMemberships", "personalization.segment_member", IN_SEGMENT),
            new Table("segmentChanges", "personalization.segment_change", IN_SEGMENT),
            new Table(
                    "ratings",
                    "personalization.subject_rating",
                    "x.site_id = :site AND x.subject_id = ANY (:subjects)"),
            new Table("activity", "personalization.subject_activity", SUBJECT),
            new Table("experimentAssignments", "personalization.assignment", IN_EXPERIMENT),
            new Table("experimentMetrics", "personalization.metric_unit", IN_EXPERIMENT),
            new Table("ruleFirings", "personalization.rule_firing", SUBJECT),
            new Table("recommendationsServed", "personalization.recommendation_log", SUBJECT));

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    @Inject
    Event<ConsentWithdrawn> withdrawn;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    @Override
    public String module() {
        return "personalization";
    }

    @Override
    public List<InventoryItem> inventory() {
        String policy = "the site's profile retention (default 365 days after last seen), erased with the person";
        return List.of(
                new InventoryItem(
                        "personalization",
                        "profile",
                        "personalization.profile",
                        "interest scores per item and attribute, ratings, "
                                + "NPS/CSAT, sentiment and its trend, devices, event counts",
                        "personalization, segments, rules",
                        policy),
                new InventoryItem(
                        "personalization",
                        "enrichments",
                        "personalization.enrichment",
                        "per event: language, sentiment, device, "
                                + "browser, OS, local hour, referrer class, keywords",
                        "profiles and lineage",
                        policy),
                new InventoryItem(
                        "personalization",
                        "segmentMemberships",
                        "personalization.segment_member / segment_change",
                        "which segments a subject is in and when it entered or left",
                        "targeting",
                        policy),
                new InventoryItem(
                        "personalization",
                        "ratings",
                        "personalization.subject_rating",
                        "the latest rating per item",
                        "recommendations (consumed items, dislikes)",
                        policy),
                new InventoryItem(
                        "personalization",
                        "experiments",
                        "personalization.assignment / metric_unit / subject_activity",
                        "variant per experiment, per-unit metric values, daily activity",
                        "experiment statistics (with experiments consent)",
                        "while the experiment exists, erased with the person"),
                new InventoryItem(
                        "personalization",
                        "ruleFirings",
                        "personalization.rule_firing",
                        "which rule acted for a subject and when",
                        "frequency caps",
                        "90 days, erased with the person"),
                new InventoryItem(
                        "personalization",
                        "recommendationsServed",
                        "personalization.recommendation_log",
                        "lists shown to a subject with propensities and rewards",
                        "bandits and off-policy evaluation",
                        "90 days, erased with the person"));
    }

    @Override
    public JsonObject export(UUID siteId, Set<String> subjects) {
        return PersonalTables.export(sql, siteId, subjects, TABLES);
    }

    @Override
    public Map<String, Long> erase(UUID siteId, Set<String> subjects) {
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonObject before = export(siteId, subjects);
        TABLES.forEach(
                t -> counts.put(t.kind(), (long) before.getJsonArray(t.kind()).size()));
        Instant now = Instant.now();
        for (String subject : subjects) {
            withdrawn.fire(new ConsentWithdrawn(siteId, subject, EnumSet.allOf(Purpose.class), now));
        }
        PersonalTables.erase(sql, siteId, subjects, TABLES);
        return counts;
    }
}
