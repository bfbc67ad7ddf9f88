package dev.attune.personalization.internal.kpi;

import dev.attune.feedback.api.ConsentEntry;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.FeedbackEntry;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.identity.api.Edge;
import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.IdentifierRef;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.Person;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.LineageService;
import dev.attune.personalization.api.ProfileService;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;

/** Lineage from the module's own records: enrichment, profile, segment changes, rule firings, served lists, experiment units. */
@ApplicationScoped
public class DefaultLineageService implements LineageService {

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    @Inject
    FeedbackService feedback;

    @Inject
    ProfileService profiles;

    @Inject
    IdentityService identity;

    @Inject
    ConsentService consents;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    @Override
    public Optional<EventLineage> event(UUID siteId, UUID eventId) {
        Optional<FeedbackEntry> found = feedback.find(siteId, eventId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        FeedbackEntry e = found.get();
        String person = identity.personKey(siteId, e.subjectId());
        Instant from = e.receivedAt();
        Instant to = e.receivedAt().plus(1, ChronoUnit.MINUTES);
        List<Derived> derived = new ArrayList<>();
        Optional<EventEnrichment> enrichment = profiles.enrichment(siteId, eventId);
        enrichment.ifPresent(x -> derived.add(new Derived(
                "enrichment",
                "language " + x.language() + ", sentiment "
                        + (x.sentiment() == null ? "—" : String.format(Locale.ROOT, "%.2f", x.sentiment()))
                        + ", device " + x.deviceClass(),
                e.receivedAt(),
                true)));
        profiles.find(siteId, person)
                .ifPresent(p -> derived.add(new Derived(
                        "profile",
                        "counted in the profile of " + person + " (" + p.events() + " events, last seen " + p.lastSeen()
                                + ")",
                        p.lastSeen(),
                        false)));
        derived.addAll(sql.list(
                """
                SELECT s.key, c.entered, c.at FROM personalization.segment_change c JOIN personalization.segment s ON s.id = c.segment_id
                 WHERE s.site_id = ? AND c.subject = ? AND c.at >= ? AND c.at < ? ORDER BY c.at""",
                rs -> new Derived(
                        "segment",
                        (rs.getBoolean(2) ? "entered " : "left ") + rs.getString(1),
                        instant(rs.getObject(3, OffsetDateTime.class)),
                        false),
                siteId,
                person,
                from,
                to));
        derived.addAll(sql.list(
                """
                SELECT r.key, f.action, f.detail, f.fired_at FROM personalization.rule_firing f JOIN personalization.rule r ON r.id = f.rule_id
                 WHERE f.site_id = ? AND f.subject = ? AND f.fired_at >= ? AND f.fired_at < ? ORDER BY f.fired_at""",
                rs -> new Derived(
                        "rule",
                        rs.getString(1) + ": " + rs.getString(2)
                                + (rs.getString(3) == null ? "" : " (" + rs.getString(3) + ")"),
                        instant(rs.getObject(4, OffsetDateTime.class)),
                        false),
                siteId,
                person,
                from,
                to));
        derived.addAll(sql.list(
                """
                SELECT slot, strategy, jsonb_array_length(items), served_at FROM personalization.recommendation_log
                 WHERE site_id = ? AND subject = ? AND served_at >= ? AND served_at < ? ORDER BY served_at""",
                rs -> new Derived(
                        "recommendation",
                        "slot " + rs.getString(1) + ": " + rs.getInt(3) + " items by " + rs.getString(2),
                        instant(rs.getObject(4, OffsetDateTime.class)),
                        false),
                siteId,
                person,
                from,
                to));
        derived.addAll(sql.list(
                """
                SELECT e.key, m.metric, m.variant, m.events FROM personalization.metric_unit m
                  JOIN personalization.experiment e ON e.id = m.experiment_id
                 WHERE e.site_id = ? AND m.unit = ? AND m.metric IN (SELECT x->>'key' FROM jsonb_array_elements(e.metrics) x
                                                                     WHERE x->>'eventType' = ? OR x->>'denominatorEventType' = ?)""",
                rs -> new Derived(
                        "experiment",
                        "experiment " + rs.getString(1) + ", metric " + rs.getString(2) + " of variant "
                                + rs.getString(3) + " (" + rs.getInt(4) + " events of this person counted)",
                        e.receivedAt(),
                        false),
                siteId,
                person,
                e.type(),
                e.type()));
        derived.sort(Comparator.comparing(Derived::at));
        return Optional.of(new EventLineage(
                eventId, e.type(), e.subjectId(), person, e.occurredAt(), e.receivedAt(), enrichment, derived));
    }

    @Override
    public Optional<PersonLineage> person(UUID siteId, String subject) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("subject required");
        }
        String person = identity.personKey(siteId, subject);
        Set<String> subjects = new TreeSet<>(identity.linkedSubjects(siteId, subject));
        subjects.add(subject);
        Optional<Person> found = identity.lookup(siteId, new IdentifierRef(IdentifierKind.ANONYMOUS, subject));
        if (found.isEmpty()) {
            found = identity.lookup(siteId, new IdentifierRef(IdentifierKind.USER, subject));
        }
        List<IdentifierSource> identifiers = new ArrayList<>();
        found.flatMap(p -> identity.graph(p.id())).ifPresent(g -> {
            subjects.addAll(g.person().subjects());
            for (Identifier i : g.identifiers()) {
                // what linked it: the oldest live edge that touches it (the first identifier of a person has none of
                // its own)
                Edge first = g.edges().stream()
                        .filter(e -> e.removedAt() == null && (e.a() == i.id() || e.b() == i.id()))
                        .min(Comparator.comparing(Edge::createdAt))
                        .orElse(null);
                identifiers.add(new IdentifierSource(
                        i.kind().name().toLowerCase(Locale.ROOT),
                        i.kind() == IdentifierKind.ANONYMOUS ? i.subject() : i.hint(),
                        first == null ? "first seen" : first.source(),
                        first == null ? 1 : first.confidence(),
                        i.firstSeen(),
                        i.lastSeen()));
            }
        });
        if (subjects.size() > 1000) { // a shared device: the first thousand
            Set<String> capped = new TreeSet<>();
            subjects.stream().limit(1000).forEach(capped::add);
            subjects.retainAll(capped);
        }
        List<EventSource> events = feedback.summary(siteId, subjects).stream()
                .map(e -> new EventSource(e.subjectId(), e.type(), e.count(), e.first(), e.last()))
                .toList();
        List<ConsentRecord> consentRecords = new ArrayList<>();
        for (String s : subjects) {
            for (ConsentEntry c : consents.history(siteId, s)) {
                consentRecords.add(new ConsentRecord(
                        s,
                        c.purpose().name().toLowerCase(Locale.ROOT),
                        c.granted(),
                        c.policyVersion(),
                        c.source(),
                        c.recordedAt()));
            }
        }
        consentRecords.sort(Comparator.comparing(ConsentRecord::at));
        Optional<ProfileSummary> profile = profiles.find(siteId, person)
                .map(p -> new ProfileSummary(
                        p.events(), p.firstSeen(), p.lastSeen(), sql.list("""
                        SELECT s.key FROM personalization.segment_member m JOIN personalization.segment s ON s.id = m.segment_id
                         WHERE s.site_id = ? AND m.subject = ? ORDER BY s.key""", rs -> rs.getString(1), siteId, person)));
        if (identifiers.isEmpty() && events.isEmpty() && consentRecords.isEmpty() && profile.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PersonLineage(
                subject, person, found.map(Person::id), identifiers, events, consentRecords, profile));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
