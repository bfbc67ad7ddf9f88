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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Watches running experiments on a schedule: a sample-ratio mismatch, or a guardrail metric significantly worse for
 * a variant (Holm-adjusted p below 0.05), raises an alert on the experiment (and in the audit log); an experiment
 * created with {@code autoStop} is then stopped.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ExperimentGuard {
    private static final Logger LOG = Logger.getLogger(ExperimentGuard.class.getName());

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

    @PostConstruct
    void start() {
        long millis = Math.max(1, intervalSeconds) * 1000;
        timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    void round() {
        for (Experiment e : store.allRunning()) {
            try {
                check(e);
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "Checking experiment " + e.key() + " failed; next round retries", ex);
            }
        }
    }

    void check(Experiment e) {
        ExperimentResults r = experiments.results(e.id());
        String alert = alert(r, false);
        if (alert == null || !store.setAlert(e.id(), alert)) {
            return; // nothing wrong, or the same findings as last round
        }
        audit.recordAs("system", "experiment.alert", e.id().toString(), AuditLog.AuditOutcome.SUCCESS,
                Map.of("key", e.key(), "alert", alert(r, true), "autoStop", e.autoStop()));
        if (e.autoStop()) {
            experiments.setStatus(e.id(), Experiment.Status.STOPPED);
            LOG.info(() -> "Experiment " + e.key() + " stopped automatically: " + alert);
        }
    }

    /** What is wrong now, or null; with figures for the audit log, without them for the experiment (stable per finding). */
    static String alert(ExperimentResults r, boolean figures) {
        List<String> problems = new ArrayList<>();
        if (r.sampleRatio().mismatch()) {
            problems.add("sample ratio mismatch" + (figures ? String.format(Locale.ROOT, " (p = %.5f)", r.sampleRatio().pValue()) : ""));
        }
        for (ExperimentResults.MetricResult m : r.metrics()) {
            if (!m.guardrail()) {
                continue;
            }
            for (ExperimentResults.Comparison c : m.comparisons()) {
                if (c.adjustedPValue() < 0.05 && c.frequentist().estimate() < 0) {
                    problems.add("guardrail " + m.metric() + " worse for " + c.variant() + (figures ? String.format(Locale.ROOT,
                            " (%+.1f %%, p = %.4f)", c.frequentist().estimate() * 100, c.adjustedPValue()) : ""));
                }
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
