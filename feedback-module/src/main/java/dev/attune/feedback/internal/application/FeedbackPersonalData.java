package dev.attune.feedback.internal.application;

import dev.attune.platform.api.PersonalData;
import dev.attune.platform.api.PersonalTables;
import dev.attune.platform.api.PersonalTables.Table;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the feedback module holds about a subject, for export and erasure: events (their outbox rows go with them),
 * webhook deliveries carrying them, quarantined events, survey displays, the consent ledger and its pending
 * withdrawals. Kept: {@code event_key} (site, event id, time: nothing about the person, and it stops a retried event
 * from being stored again after the erasure) and anonymous counts.
 */
@ApplicationScoped
public class FeedbackPersonalData implements PersonalData {
    private static final String SUBJECT = "x.site_id = :site AND x.subject_id = ANY (:subjects)";
    /** Children first: deliveries name events by id. */
    private static final List<Table> TABLES = List.of(
            new Table(
                    "webhookDeliveries",
                    "feedback.webhook_delivery",
                    "x.site_id = :site AND (x.event_id IN (SELECT e.event_id "
                            + "FROM feedback.event e WHERE e.site_id = :site AND e.subject_id = ANY (:subjects)) OR EXISTS (SELECT 1 FROM "
                            + "unnest(:subjects) s WHERE position('\"' || s || '\"' IN x.payload) > 0))"),
            new Table("events", "feedback.event", SUBJECT),
            new Table("quarantined", "feedback.quarantine", SUBJECT),
            new Table("surveyDisplays", "feedback.survey_display", SUBJECT),
            new Table("consentWithdrawalsPending", "feedback.consent_outbox", SUBJECT),
            new Table("consent", "feedback.consent_entry", SUBJECT));

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    @Inject
    DefaultConsentService consent;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    @Override
    public String module() {
        return "feedback";
    }

    @Override
    public List<InventoryItem> inventory() {
        return List.of(
                new InventoryItem(
                        "feedback",
                        "events",
                        "feedback.event (daily partitions)",
                        "what a visitor did and said: event type, "
                                + "item, value, free text, page, referrer, user agent, locale, time zone, session, anonymous id",
                        "the feedback itself; the source of every profile, model and metric",
                        "the site's event retention (Sites & keys)"),
                new InventoryItem(
                        "feedback",
                        "consent",
                        "feedback.consent_entry",
                        "each consent choice per purpose, policy version, source, time",
                        "proof of consent; enforcement at ingest",
                        "as long as the subject's events, erased with the person"),
                new InventoryItem(
                        "feedback",
                        "quarantined",
                        "feedback.quarantine",
                        "suspicious events with their content and reason",
                        "integrity review (release or delete)",
                        "until released or deleted, erased with the person"),
                new InventoryItem(
                        "feedback",
                        "surveyDisplays",
                        "feedback.survey_display",
                        "when a survey was shown to a subject and answered",
                        "frequency caps and cooldowns",
                        "erased with the person"),
                new InventoryItem(
                        "feedback",
                        "webhookDeliveries",
                        "feedback.webhook_delivery",
                        "event payloads sent to the site's webhooks",
                        "delivery, retry, replay",
                        "erased with the person"));
    }

    @Override
    public JsonObject export(UUID siteId, Set<String> subjects) {
        return PersonalTables.export(sql, siteId, subjects, TABLES);
    }

    @Override
    @Transactional
    public Map<String, Long> erase(UUID siteId, Set<String> subjects) {
        Map<String, Long> counts = PersonalTables.erase(sql, siteId, subjects, TABLES);
        consent.forget(siteId, subjects);
        return counts;
    }
}
