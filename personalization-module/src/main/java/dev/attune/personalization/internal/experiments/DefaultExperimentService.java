package dev.attune.personalization.internal.experiments;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.VisitorArrived;
import dev.attune.feedback.api.VisitorChannel;
import dev.attune.identity.api.IdentityService;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Definition;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.Experiment.Variant;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.personalization.api.SegmentService;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Targeting;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class DefaultExperimentService implements ExperimentService {

    @Inject
    JdbcExperiments store;

    @Inject
    ConsentService consent;

    @Inject
    IdentityService identity;

    @Inject
    AuditLog audit;

    @Inject
    VisitorChannel visitors;

    @Inject
    SegmentService segments;

    @Inject
    @ConfigProperty(name = "attune.experiments.cuped-days", defaultValue = "14")
    int cupedDays;

    /** Running experiments per site (dropped on every change here; other instances see changes within the minute). */
    private final LoadingCache<UUID, List<Experiment>> running =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build(site -> store.running(site));

    /** Event types the site's experiments measure (only those feed the CUPED pre-period). */
    private final LoadingCache<UUID, Set<String>> measured =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build(site -> store.measuredEventTypes(site));

    private final LoadingCache<UUID, Integer> holdout =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).build(site -> store.holdoutPercent(site));

    /** Units' assignments: once made they never change, so serving them from memory is always right. */
    private final Cache<String, JdbcExperiments.Assignment> assignments = Caffeine.newBuilder()
            .maximumSize(500_000)
            .expireAfterAccess(Duration.ofMinutes(30))
            .build();

    private final LoadingCache<String, Targeting.UrlGlob> globs =
            Caffeine.newBuilder().maximumSize(10_000).build(Targeting.UrlGlob::of);

    /** A widget said hello (or changed consent): its visitor's variants and their payloads, pushed at once. */
    void onArrival(@Observes VisitorArrived arrival) {
        if (running.get(arrival.siteId()).isEmpty()) {
            return;
        }
        var variants = JSON.createObjectBuilder();
        var payloads = JSON.createObjectBuilder();
        assign(arrival.siteId(), arrival.subjectId(), new Context(arrival.url(), arrival.device()))
                .forEach((key, a) -> {
                    variants.add(key, a.variant());
                    if (a.payloadJson() != null) {
                        payloads.add(
                                key,
                                JSON.createReader(new StringReader(a.payloadJson()))
                                        .readValue());
                    }
                });
        visitors.push(
                arrival.siteId(),
                arrival.subjectId(),
                "assignments",
                JSON.createObjectBuilder()
                        .add("experiments", variants)
                        .add("payloads", payloads)
                        .build());
    }

    @Override
    public Experiment create(UUID siteId, Definition definition) {
        List<FieldError> errors = Definitions.check(definition, Instant.now());
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid experiment", errors);
        }
        Definition d = stripped(definition);
        Experiment e = new Experiment(
                UUID.randomUUID(), siteId, Experiment.Status.DRAFT, d, null, null, null, null, null, null, null);
        store.insert(e);
        changed(siteId);
        audit.record(
                "experiment.create",
                e.id().toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of(
                        "site",
                        siteId.toString(),
                        "key",
                        d.key(),
                        "definition",
                        DefinitionJson.definition(d).build().toString()));
        return store.find(e.id()).orElseThrow();
    }

    @Override
    public Experiment update(UUID id, Definition definition) {
        Experiment e = existing(id);
        List<FieldError> errors = new ArrayList<>(Definitions.check(
                definition,
                e.status() == Experiment.Status.DRAFT || e.status() == Experiment.Status.RUNNING
                        ? Instant.now()
                        : null));
        if (e.status() != Experiment.Status.DRAFT) {
            errors.addAll(Definitions.frozen(e, definition));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid change", errors);
        }
        Definition d = stripped(definition);
        store.update(e, d);
        changed(e.siteId());
        audit.record(
                "experiment.update",
                id.toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of(
                        "before",
                        DefinitionJson.definition(e.definition()).build().toString(),
                        "after",
                        DefinitionJson.definition(d).build().toString()));
        return store.find(id).orElseThrow();
    }

    private static Definition stripped(Definition d) {
        return new Definition(
                d.key(),
                d.name().strip(),
                d.hypothesis() == null || d.hypothesis().isBlank()
                        ? null
                        : d.hypothesis().strip(),
                d.mode(),
                List.copyOf(d.variants()),
                d.trafficPercent(),
                d.targeting(),
                d.layer(),
                List.copyOf(d.metrics()),
                d.autoStop(),
                d.startAt(),
                d.stopAt());
    }

    private Experiment existing(UUID id) {
        return store.find(id)
                .orElseThrow(() -> new InvalidInputException(
                        404, "No such experiment", List.of(new FieldError("id", "no experiment " + id))));
    }

    /** Forgets what this instance cached about the site's experiments. */
    public void changed(UUID siteId) {
        running.invalidate(siteId);
        measured.invalidate(siteId);
    }

    @Override
    public List<Experiment> list(UUID siteId) {
        return store.list(siteId);
    }

    @Override
    public Optional<Experiment> find(UUID id) {
        return store.find(id);
    }

    @Override
    public Experiment setStatus(UUID id, Experiment.Status status) {
        return transition(id, status, null);
    }

    /** Moves the lifecycle; {@code actor} names who did it when not the caller (the guard: "system"). */
    public Experiment transition(UUID id, Experiment.Status status, String actor) {
        Experiment e = existing(id);
        boolean allowed = switch (status) {
            case RUNNING -> e.status() == Experiment.Status.DRAFT;
            case STOPPED -> e.status() == Experiment.Status.RUNNING;
            case SHIPPED -> e.status() == Experiment.Status.RUNNING || e.status() == Experiment.Status.STOPPED;
            case DRAFT -> false;
        };
        if (!allowed || !store.setStatus(id, e.status(), status)) {
            throw InvalidInputException.of(
                    "status",
                    "cannot go from " + e.status().name().toLowerCase() + " to "
                            + status.name().toLowerCase() + " (draft -> running -> stopped -> shipped)");
        }
        changed(e.siteId());
        Map<String, String> detail = Map.of("from", e.status().name(), "to", status.name());
        if (actor == null) {
            audit.record("experiment.status", id.toString(), AuditLog.AuditOutcome.SUCCESS, detail);
        } else {
            audit.recordAs(actor, "experiment.status", id.toString(), AuditLog.AuditOutcome.SUCCESS, detail);
        }
        return store.find(id).orElseThrow();
    }

    @Override
    public Map<String, Assignment> assign(UUID siteId, String subjectOrUnit, Context context) {
        Map<String, Assignment> out = new LinkedHashMap<>();
        String unit = identity.personKey(siteId, subjectOrUnit); // one person, one variant on every device
        List<Experiment> live = running.get(siteId);
        if (live.isEmpty()) {
            return out;
        }
        Context where = context == null ? Context.NONE : context;
        boolean consented = consent.current(siteId, unit).allows(Purpose.EXPERIMENTS);
        int held = consented ? holdout.get(siteId) : 0;
        boolean inHoldout = held > 0 && Targeting.bucket("holdout:" + siteId + ":" + unit, 100) < held;
        String device =
                where.device() != null && Definitions.DEVICES.contains(where.device()) ? where.device() : "unknown";
        for (Experiment e : live) {
            Variant control = e.variants().get(0);
            Assignment outside = new Assignment(control.key(), control.payloadJson(), false);
            if (!consented || inHoldout || !inShare(e, unit)) {
                out.put(e.key(), outside); // not in the experiment: the control experience, not counted
                continue;
            }
            String cacheKey = e.id() + "|" + unit;
            JdbcExperiments.Assignment a = assignments.getIfPresent(cacheKey);
            if (a == null) {
                if (targets(e, where) && inSegments(e, siteId, unit)) {
                    a = store.assign(e, unit, pick(e, unit), device, cupedDays);
                } else {
                    // not targeted here; once in, though, a unit keeps its variant everywhere
                    a = store.assignment(e.id(), unit).orElse(null);
                }
                if (a == null) {
                    out.put(e.key(), outside);
                    continue;
                }
                assignments.put(cacheKey, a);
            }
            out.put(e.key(), new Assignment(a.variant(), payload(e, a.variant()), true));
        }
        return out;
    }

    private static String payload(Experiment e, String variant) {
        for (Variant v : e.variants()) {
            if (v.key().equals(variant)) {
                return v.payloadJson();
            }
        }
        return null;
    }

    /** In the experiment's share: its buckets of its layer, or its own share of all units. */
    static boolean inShare(Experiment e, String unit) {
        Experiment.Layer layer = e.definition().layer();
        if (layer != null) {
            int b = Targeting.bucket("layer:" + layer.name() + ":" + unit, 100);
            return b >= layer.from() && b < layer.from() + e.trafficPercent();
        }
        return e.trafficPercent() >= 100
                || Targeting.bucket("traffic:" + e.key() + ":" + unit, 100) < e.trafficPercent();
    }

    private boolean targets(Experiment e, Context where) {
        Experiment.Targeting t = e.definition().targeting();
        if (!t.devices().isEmpty() && (where.device() == null || !t.devices().contains(where.device()))) {
            return false;
        }
        return t.urlPatterns().isEmpty()
                || t.urlPatterns().stream().anyMatch(p -> globs.get(p).matches(where.url()));
    }

    /** Targeted at segments: the unit is a member of one of them now. */
    private boolean inSegments(Experiment e, UUID siteId, String unit) {
        Set<String> wanted = e.definition().targeting().segments();
        return wanted.isEmpty() || wanted.stream().anyMatch(key -> segments.isMember(siteId, unit, key));
    }

    /** Deterministic: the same experiment key and unit give the same variant on any instance, any day, at the same weights. */
    static String pick(Experiment e, String unit) {
        long b = Targeting.bucket(e.key() + ":" + unit, 10_000);
        int[] bp = e.currentBasisPoints();
        long edge = 0;
        for (int i = 0; i < bp.length; i++) {
            edge += bp[i];
            if (b < edge) {
                return e.variants().get(i).key();
            }
        }
        return e.variants().get(e.variants().size() - 1).key();
    }

    /**
     * Counts the batch's events into the metrics of the running experiments their subjects are in, within each metric's
     * window after exposure; events of measured types also go to the subject's activity (the pre-period of later
     * exposures). In the pipeline's transaction: the counts commit with the record that the events were applied, so a
     * retry never counts them twice and a failure before the commit loses nothing. The variants' sums are written
     * last, once per row (see MetricTotals).
     */
    public void count(List<FeedbackReceived> events) {
        MetricTotals totals = new MetricTotals();
        for (FeedbackReceived event : events) {
            count(event, totals);
        }
        try {
            store.addToTotals(totals);
        } catch (SQLException ex) {
            throw new IllegalStateException("Counting experiment metrics failed: " + ex.getMessage(), ex);
        }
    }

    private void count(FeedbackReceived event, MetricTotals totals) {
        if (event.subjectId() == null || !measured.get(event.siteId()).contains(event.type())) {
            return;
        }
        double value = event.value() == null ? 1 : event.value().doubleValue();
        String unit = identity.personKey(event.siteId(), event.subjectId());
        store.recordActivity(event.siteId(), unit, event.type(), event.occurredAt(), value);
        for (Experiment e : running.get(event.siteId())) {
            JdbcExperiments.Assignment a = null;
            for (Metric m : e.metrics()) {
                boolean numerator = m.eventType().equals(event.type());
                boolean denominator =
                        m.kind() == Metric.Kind.RATIO && event.type().equals(m.denominatorEventType());
                if (!numerator && !denominator) {
                    continue;
                }
                if (a == null) {
                    a = assignments.getIfPresent(e.id() + "|" + unit);
                    if (a == null) {
                        a = store.assignment(e.id(), unit).orElse(null);
                        if (a == null) {
                            break; // not in this experiment
                        }
                        assignments.put(e.id() + "|" + unit, a);
                    }
                }
                if (event.occurredAt().isBefore(a.assignedAt().minusSeconds(5))
                        || event.occurredAt().isAfter(a.assignedAt().plus(Duration.ofHours(m.windowHours())))) {
                    continue;
                }
                try {
                    if (numerator) {
                        store.addToMetric(e.id(), m, unit, a, value, false, totals);
                    }
                    if (denominator) {
                        store.addToMetric(e.id(), m, unit, a, 1, true, totals);
                    }
                } catch (SQLException ex) {
                    throw new IllegalStateException("Counting an experiment metric failed: " + ex.getMessage(), ex);
                }
            }
        }
    }

    /** Analytics withdrawn: what the subject did is no longer kept for the pre-period. */
    void onWithdrawal(@Observes ConsentWithdrawn withdrawn) {
        if (withdrawn.purposes().contains(Purpose.ANALYTICS)) {
            store.forgetActivity(withdrawn.siteId(), withdrawn.subjectId());
        }
    }

    @Override
    public ExperimentResults results(UUID id) {
        Experiment e = existing(id);
        return ResultsCalculator.results(e, store.exposures(id), store.totals(id));
    }

    @Override
    public List<ExperimentResults.Snapshot> history(UUID id) {
        existing(id);
        return store.history(id);
    }

    @Override
    public int holdoutPercent(UUID siteId) {
        return store.holdoutPercent(siteId);
    }

    @Override
    public void setHoldoutPercent(UUID siteId, int percent) {
        if (percent < 0 || percent > 50) {
            throw InvalidInputException.of("holdoutPercent", "must be 0 to 50");
        }
        int before = store.holdoutPercent(siteId);
        if (before != percent && !store.running(siteId).isEmpty()) {
            throw InvalidInputException.of(
                    "holdoutPercent",
                    "cannot change while experiments run: units in them would change "
                            + "experience mid-way (stop them first)");
        }
        store.setHoldoutPercent(siteId, percent);
        holdout.invalidate(siteId);
        audit.record(
                "experiment.holdout",
                siteId.toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("before", before, "after", percent));
    }
}
