package dev.attune.personalization.internal.experiments;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.platform.api.AuditLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs experiments on a schedule. Each round it starts drafts whose start time has come and stops running
 * experiments whose stop time has come; for each running one it raises an alert on a sample-ratio mismatch or a
 * guardrail metric significantly worse (Holm-adjusted p below 0.05) and stops it when it was created with
 * {@code autoStop}; it moves a bandit's traffic towards the arms likely best; and it snapshots the results for
 * the charts over time.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExperimentGuard {
    private static final Logger LOG = Logger.getLogger(ExperimentGuard.class.getName());
    private static final String SYSTEM = "system";

    @Resource
    TimerService timers;

    @Inject
    JdbcExperiments store;

    @Inject
    DefaultExperimentService experiments;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "attune.experiments.guard-seconds", defaultValue = "60")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "attune.experiments.snapshot-seconds", defaultValue = "3600")
    long snapshotSeconds;

    @Inject
    @ConfigProperty(name = "attune.experiments.bandit-seconds", defaultValue = "3600")
    long banditSeconds;

    @Inject
    @ConfigProperty(name = "attune.experiments.bandit-min-units", defaultValue = "100")
    long banditMinUnits;

    @Inject
    @ConfigProperty(name = "attune.experiments.bandit-floor-percent", defaultValue = "5")
    int banditFloorPercent;

    @PostConstruct
    void start() {
        long millis = Math.max(1, intervalSeconds) * 1000;
        timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    void round() {
        Instant now = Instant.now();
        for (Experiment e : store.dueToStart(now)) {
            act(e, () -> experiments.transition(e.id(), Experiment.Status.RUNNING, SYSTEM), "start");
        }
        for (Experiment e : store.dueToStop(now)) {
            act(e, () -> experiments.transition(e.id(), Experiment.Status.STOPPED, SYSTEM), "stop");
        }
        for (Experiment e : store.allRunning()) {
            act(e, () -> check(e, now), "check");
        }
    }

    private static void act(Experiment e, Runnable action, String what) {
        try {
            action.run();
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "Experiment " + e.key() + ": " + what + " failed; the next round retries", ex);
        }
    }

    void check(Experiment e, Instant now) {
        ExperimentResults r = experiments.results(e.id());
        if (e.definition().mode() == Experiment.Mode.BANDIT && due(e.weightsAt(), banditSeconds, now)) {
            reweight(e, r);
        }
        Instant last = store.lastSnapshot(e.id());
        if (due(last, snapshotSeconds, now)) {
            store.snapshot(e.id(), ResultsCalculator.snapshot(r, now));
        }
        String alert = alert(r, false);
        if (alert == null || !store.setAlert(e.id(), alert)) {
            return; // nothing wrong, or the same findings as last round
        }
        audit.recordAs(
                SYSTEM,
                "experiment.alert",
                e.id().toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("key", e.key(), "alert", alert(r, true), "autoStop", e.autoStop()));
        if (e.autoStop()) {
            experiments.transition(e.id(), Experiment.Status.STOPPED, SYSTEM);
            LOG.info(() -> "Experiment " + e.key() + " stopped automatically: " + alert);
        }
    }

    private static boolean due(Instant last, long seconds, Instant now) {
        return last == null
                || !last.plus(Duration.ofSeconds(Math.max(1, seconds))).isAfter(now);
    }

    /** Thompson sampling: once every arm has its minimum of units, traffic follows each arm's chance of being best. */
    void reweight(Experiment e, ExperimentResults r) {
        if (r.units().stream().anyMatch(u -> u.units() < banditMinUnits)) {
            return; // every arm first gets its minimum sample at the defined weights
        }
        int[] bp = allocation(
                r.chanceToBeBest().stream().mapToDouble(Double::doubleValue).toArray(), banditFloorPercent);
        store.setLiveWeights(e.id(), bp);
        experiments.changed(e.siteId());
        audit.recordAs(
                SYSTEM,
                "experiment.reweight",
                e.id().toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of(
                        "key",
                        e.key(),
                        "basisPoints",
                        Arrays.toString(bp),
                        "chanceToBeBest",
                        r.chanceToBeBest().toString()));
    }

    /** Basis points per arm summing to 10,000: each arm's chance of being best, with a floor so no arm stops learning. */
    static int[] allocation(double[] chanceToBeBest, int floorPercent) {
        int k = chanceToBeBest.length;
        double floor = Math.min(floorPercent / 100.0, 1.0 / k);
        int[] bp = new int[k];
        int total = 0;
        int best = 0;
        for (int i = 0; i < k; i++) {
            bp[i] = (int) Math.round(10_000 * (floor + (1 - k * floor) * chanceToBeBest[i]));
            total += bp[i];
            best = chanceToBeBest[i] > chanceToBeBest[best] ? i : best;
        }
        bp[best] += 10_000 - total;
        return bp;
    }

    /** What is wrong now, or null; with figures for the audit log, without them for the experiment (stable per finding). */
    static String alert(ExperimentResults r, boolean figures) {
        List<String> problems = new ArrayList<>();
        if (r.sampleRatio().mismatch()) {
            problems.add("sample ratio mismatch"
                    + (figures
                            ? String.format(
                                    Locale.ROOT, " (p = %.5f)", r.sampleRatio().pValue())
                            : ""));
        }
        for (ExperimentResults.MetricResult m : r.metrics()) {
            if (!m.guardrail()) {
                continue;
            }
            for (ExperimentResults.Comparison c : m.comparisons()) {
                boolean worse = m.lowerIsBetter()
                        ? c.frequentist().estimate() > 0
                        : c.frequentist().estimate() < 0;
                if (c.adjustedPValue() < 0.05 && worse) {
                    problems.add("guardrail " + m.metric() + " worse for " + c.variant()
                            + (figures
                                    ? String.format(
                                            Locale.ROOT,
                                            " (%+.1f %%, p = %.4f)",
                                            c.frequentist().estimate() * 100,
                                            c.adjustedPValue())
                                    : ""));
                }
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
