package dev.attune.personalization.internal.experiments;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.Experiment.Variant;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.personalization.api.stats.Results;
import dev.attune.personalization.api.stats.Sample;
import dev.attune.personalization.api.stats.Statistics;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

@ApplicationScoped
public class DefaultExperimentService implements ExperimentService {
    static final double ALPHA = 0.05;
    /** Tuning of the always-valid interval: about the number of units where it is tightest. */
    static final double SEQUENTIAL_TAU = 5000;

    @Inject
    JdbcExperiments store;

    @Inject
    ConsentService consent;

    @Inject
    AuditLog audit;

    @Inject
    dev.attune.feedback.api.VisitorChannel visitors;

    /** A widget said hello: its visitor's variants, pushed at once (the first one is the exposure). */
    void onArrival(@Observes dev.attune.feedback.api.VisitorArrived arrival) {
        if (running(arrival.siteId()).isEmpty()) {
            return;
        }
        var variants = dev.attune.platform.api.JsonSupport.JSON.createObjectBuilder();
        assign(arrival.siteId(), arrival.subjectId()).forEach(variants::add);
        visitors.push(arrival.siteId(), arrival.subjectId(), "assignments",
                dev.attune.platform.api.JsonSupport.JSON.createObjectBuilder().add("experiments", variants).build());
    }

    /** Running experiments per site (dropped on every status change here; other instances within the minute). */
    private final Map<UUID, CachedRunning> running = new ConcurrentHashMap<>();

    private record CachedRunning(List<Experiment> experiments, long loadedAt) {
    }

    @Override
    public Experiment create(UUID siteId, String key, String name, String hypothesis, List<Variant> variants, int trafficPercent,
                             List<Metric> metrics, boolean autoStop) {
        List<FieldError> errors = new ArrayList<>();
        if (key == null || !key.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
            errors.add(new FieldError("key", "must be 1 to 60 lower-case letters, digits, - or _"));
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            errors.add(new FieldError("name", "is required, at most 100 characters"));
        }
        if (variants == null || variants.size() < 2 || variants.size() > 10) {
            errors.add(new FieldError("variants", "must be 2 to 10 variants; the first is the control"));
        } else {
            Set<String> keys = new HashSet<>();
            int sum = 0;
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get(i);
                if (v.key() == null || !v.key().matches("[A-Za-z0-9_-]{1,40}") || !keys.add(v.key())) {
                    errors.add(new FieldError("variants/" + i + "/key", "must be unique, 1 to 40 letters, digits, - or _"));
                }
                if (v.weight() < 1 || v.weight() > 99) {
                    errors.add(new FieldError("variants/" + i + "/weight", "must be 1 to 99"));
                }
                sum += v.weight();
            }
            if (sum != 100) {
                errors.add(new FieldError("variants", "weights must sum to 100 (they sum to " + sum + ")"));
            }
        }
        if (trafficPercent < 1 || trafficPercent > 100) {
            errors.add(new FieldError("trafficPercent", "must be 1 to 100"));
        }
        if (metrics == null || metrics.isEmpty() || metrics.size() > 20) {
            errors.add(new FieldError("metrics", "must be 1 to 20 metrics"));
        } else {
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < metrics.size(); i++) {
                Metric m = metrics.get(i);
                if (m.key() == null || !m.key().matches("[a-z0-9_-]{1,40}") || !keys.add(m.key())) {
                    errors.add(new FieldError("metrics/" + i + "/key", "must be unique, 1 to 40 lower-case letters, digits, - or _"));
                }
                if (m.eventType() == null || EventType.fromWire(m.eventType()).isEmpty()) {
                    errors.add(new FieldError("metrics/" + i + "/eventType", "is not an event type"));
                }
                if (m.kind() == null) {
                    errors.add(new FieldError("metrics/" + i + "/kind", "must be conversion, sum, mean or nps"));
                } else if (m.kind() == Metric.Kind.NPS && !"nps".equals(m.eventType())) {
                    errors.add(new FieldError("metrics/" + i + "/eventType", "an nps metric is computed from nps events"));
                }
                if (m.windowHours() < 1 || m.windowHours() > 24 * 90) {
                    errors.add(new FieldError("metrics/" + i + "/windowHours", "must be 1 to 2160"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid experiment", errors);
        }
        Experiment e = new Experiment(UUID.randomUUID(), siteId, key, name.strip(), hypothesis, Experiment.Status.DRAFT,
                List.copyOf(variants), trafficPercent, List.copyOf(metrics), null, null, null, autoStop, null, null);
        store.insert(e);
        audit.record("experiment.create", e.id().toString(), AuditLog.AuditOutcome.SUCCESS, Map.of("site", siteId.toString(), "key", key));
        return store.find(e.id()).orElseThrow();
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
        Experiment e = store.find(id).orElseThrow(() -> new InvalidInputException(404, "No such experiment",
                List.of(new FieldError("id", "no experiment " + id))));
        boolean allowed = switch (status) {
            case RUNNING -> e.status() == Experiment.Status.DRAFT;
            case STOPPED -> e.status() == Experiment.Status.RUNNING;
            case SHIPPED -> e.status() == Experiment.Status.RUNNING || e.status() == Experiment.Status.STOPPED;
            case DRAFT -> false;
        };
        if (!allowed) {
            throw InvalidInputException.of("status", "cannot go from " + e.status().name().toLowerCase() + " to "
                    + status.name().toLowerCase() + " (draft -> running -> stopped -> shipped)");
        }
        store.setStatus(id, status);
        running.remove(e.siteId());
        audit.record("experiment.status", id.toString(), AuditLog.AuditOutcome.SUCCESS,
                Map.of("from", e.status().name(), "to", status.name()));
        return store.find(id).orElseThrow();
    }

    private List<Experiment> running(UUID siteId) {
        CachedRunning cached = running.get(siteId);
        long now = System.nanoTime();
        if (cached == null || now - cached.loadedAt() > Duration.ofMinutes(1).toNanos()) {
            cached = new CachedRunning(store.running(siteId), now);
            running.put(siteId, cached);
        }
        return cached.experiments();
    }

    @Override
    public Map<String, String> assign(UUID siteId, String unit) {
        Map<String, String> variants = new LinkedHashMap<>();
        List<Experiment> live = running(siteId);
        if (live.isEmpty()) {
            return variants;
        }
        boolean consented = consent.current(siteId, unit).allows(Purpose.EXPERIMENTS);
        for (Experiment e : live) {
            String control = e.variants().get(0).key();
            if (!consented || bucket("traffic:" + e.key() + ":" + unit, 100) >= e.trafficPercent()) {
                variants.put(e.key(), control); // not in the experiment: the control experience, not counted
                continue;
            }
            variants.put(e.key(), store.assign(e.id(), unit, pick(e, unit)).variant());
        }
        return variants;
    }

    /** Deterministic: the same experiment key and unit give the same variant on any instance, any day. */
    static String pick(Experiment e, String unit) {
        long b = bucket(e.key() + ":" + unit, 10_000);
        long edge = 0;
        for (Variant v : e.variants()) {
            edge += v.weight() * 100L;
            if (b < edge) {
                return v.key();
            }
        }
        return e.variants().get(e.variants().size() - 1).key();
    }

    static long bucket(String key, int buckets) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return Long.remainderUnsigned(v, buckets);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Counts an event into the metrics of the running experiments its subject is in, within each metric's window. */
    void onFeedback(@Observes(during = TransactionPhase.AFTER_SUCCESS) FeedbackReceived event) {
        List<Experiment> live = running(event.siteId());
        if (live.isEmpty() || event.subjectId() == null) {
            return;
        }
        boolean marked = false;
        for (Experiment e : live) {
            if (e.metrics().stream().noneMatch(m -> m.eventType().equals(event.type()))) {
                continue;
            }
            Optional<JdbcExperiments.Assignment> a = store.assignment(e.id(), event.subjectId());
            for (Metric m : e.metrics()) {
                if (!m.eventType().equals(event.type())) {
                    continue;
                }
                if (a.isEmpty() || event.occurredAt().isBefore(a.get().assignedAt().minusSeconds(5))
                        || event.occurredAt().isAfter(a.get().assignedAt().plus(Duration.ofHours(m.windowHours())))) {
                    continue;
                }
                if (!marked) {
                    if (!store.firstTime(event.siteId(), event.eventId())) {
                        return; // redelivered: counted before
                    }
                    marked = true;
                }
                try {
                    store.addToMetric(e.id(), m, event.subjectId(), a.get().variant(),
                            event.value() == null ? 1 : event.value().doubleValue());
                } catch (SQLException ex) {
                    throw new IllegalStateException("Counting an experiment metric failed: " + ex.getMessage(), ex);
                }
            }
        }
    }

    @Override
    public ExperimentResults results(UUID id) {
        Experiment e = store.find(id).orElseThrow(() -> new InvalidInputException(404, "No such experiment",
                List.of(new FieldError("id", "no experiment " + id))));
        Map<String, Long> units = store.unitsPerVariant(id);
        List<ExperimentResults.VariantUnits> perVariant = new ArrayList<>();
        long[] observed = new long[e.variants().size()];
        double[] weights = new double[e.variants().size()];
        for (int i = 0; i < e.variants().size(); i++) {
            Variant v = e.variants().get(i);
            observed[i] = units.getOrDefault(v.key(), 0L);
            weights[i] = v.weight();
            perVariant.add(new ExperimentResults.VariantUnits(v.key(), observed[i], v.weight() / 100.0));
        }
        Map<String, JdbcExperiments.Total> totals = new LinkedHashMap<>();
        store.totals(id).forEach(t -> totals.put(t.metric() + "|" + t.variant(), t));
        // every treatment against the control, per metric; Holm over all of them before the results are put together
        List<List<Sample>> samples = new ArrayList<>();
        List<Results.Frequentist> tests = new ArrayList<>();
        for (Metric m : e.metrics()) {
            List<Sample> variantSamples = new ArrayList<>();
            for (int i = 0; i < e.variants().size(); i++) {
                JdbcExperiments.Total t = totals.get(m.key() + "|" + e.variants().get(i).key());
                double sum = t == null ? 0 : t.sum();
                double squares = t == null ? 0 : t.sumSquares();
                long n = m.kind() == Metric.Kind.MEAN || m.kind() == Metric.Kind.NPS ? (t == null ? 0 : t.units()) : observed[i];
                variantSamples.add(m.kind() == Metric.Kind.CONVERSION ? Sample.proportion(sum, n) : Sample.mean(sum, squares, n));
            }
            samples.add(variantSamples);
            for (int i = 1; i < variantSamples.size(); i++) {
                tests.add(Statistics.welch(variantSamples.get(0), variantSamples.get(i), Results.Difference.RELATIVE, ALPHA, Results.Sided.TWO_SIDED));
            }
        }
        double[] adjusted = Statistics.holm(tests.stream().mapToDouble(Results.Frequentist::pValue).toArray());
        List<ExperimentResults.MetricResult> metrics = new ArrayList<>();
        int k = 0;
        for (int mi = 0; mi < e.metrics().size(); mi++) {
            Metric m = e.metrics().get(mi);
            List<Sample> s = samples.get(mi);
            List<ExperimentResults.VariantValue> values = new ArrayList<>();
            List<ExperimentResults.Comparison> comparisons = new ArrayList<>();
            for (int i = 0; i < s.size(); i++) {
                values.add(new ExperimentResults.VariantValue(e.variants().get(i).key(), s.get(i).n(), s.get(i).mean()));
                if (i > 0) {
                    comparisons.add(new ExperimentResults.Comparison(e.variants().get(i).key(), tests.get(k), adjusted[k++],
                            Statistics.sequential(s.get(0), s.get(i), Results.Difference.RELATIVE, ALPHA, Results.Sided.TWO_SIDED, SEQUENTIAL_TAU),
                            Statistics.bayesian(s.get(0), s.get(i), Results.Difference.RELATIVE, ALPHA, null, null)));
                }
            }
            metrics.add(new ExperimentResults.MetricResult(m.key(), m.kind().name().toLowerCase(), m.guardrail(), values, comparisons));
        }
        return new ExperimentResults(id, perVariant, Statistics.sampleRatio(observed, weights), metrics);
    }
}
