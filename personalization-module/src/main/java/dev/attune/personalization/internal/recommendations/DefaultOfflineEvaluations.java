package dev.attune.personalization.internal.recommendations;

import dev.attune.personalization.api.OfflineEvaluationService;
import dev.attune.personalization.internal.recommend.OfflineStudy;
import dev.attune.platform.api.AuditLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs {@link OfflineStudy} on a background thread for the console, keeping the latest results in memory. */
@ApplicationScoped
public class DefaultOfflineEvaluations implements OfflineEvaluationService {
    private static final Logger LOG = Logger.getLogger(DefaultOfflineEvaluations.class.getName());

    @Inject
    @ConfigProperty(name = "attune.recommendations.offline-data")
    Optional<String> configuredFolder;

    private String dataFolder;

    @PostConstruct
    void init() {
        dataFolder = configuredFolder.map(String::strip).orElse("");
    }

    @Inject
    AuditLog audit;

    private volatile Status status;
    private volatile Thread worker;

    private Path root() {
        return dataFolder == null || dataFolder.isBlank() ? null : Path.of(dataFolder);
    }

    private boolean present() {
        Path root = root();
        return root != null
                && Files.isDirectory(root)
                && !OfflineStudy.datasets(root).isEmpty();
    }

    @Override
    public synchronized Status status() {
        if (status == null) {
            status = new Status(dataFolder, present(), false, null, null, null, null, List.of());
        }
        return status;
    }

    @Override
    public synchronized Status start(long seed, boolean quick) {
        Status now = status();
        if (now.running()) {
            return now;
        }
        if (!present()) {
            status = new Status(
                    dataFolder,
                    false,
                    false,
                    null,
                    null,
                    null,
                    "No MovieLens data (a folder with u.data) under "
                            + (dataFolder == null || dataFolder.isBlank()
                                    ? "(attune.recommendations.offline-data is not set)"
                                    : dataFolder),
                    List.of());
            return status;
        }
        Instant started = Instant.now();
        status = new Status(dataFolder, true, true, "starting", started, null, null, List.of());
        audit.record(
                "recommendations.offline-eval",
                dataFolder,
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("seed", Long.toString(seed), "quick", Boolean.toString(quick)));
        Thread t = new Thread(() -> run(seed, quick, started), "attune-offline-eval");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY); // serving comes first
        worker = t;
        t.start();
        return status;
    }

    private void run(long seed, boolean quick, Instant started) {
        List<DatasetResult> results = new ArrayList<>();
        String error = null;
        try {
            Path root = root();
            for (Path dataset : OfflineStudy.datasets(root)) {
                OfflineStudy.Result r =
                        OfflineStudy.run(dataset, seed, quick, line -> progress(line, started, results));
                List<Row> rows = r.rows().stream()
                        .map(x -> new Row(
                                x.strategy(),
                                x.params(),
                                x.validNdcg(),
                                x.test().precision(),
                                x.test().recall(),
                                x.test().ndcg(),
                                x.test().hit(),
                                x.fitMillis()))
                        .toList();
                List<Published> published = new ArrayList<>();
                for (String[] p : OfflineStudy.published(root, dataset)) {
                    // {source, model, recall, mrr, ndcg, hit, precision}
                    published.add(new Published(
                            p[0],
                            p[1],
                            Double.parseDouble(p[2]),
                            Double.parseDouble(p[4]),
                            Double.parseDouble(p[5]),
                            Double.parseDouble(p[6])));
                }
                results.add(new DatasetResult(
                        r.dataset(),
                        r.seed(),
                        r.best(),
                        rows,
                        published,
                        r.took().toSeconds()));
            }
        } catch (CancellationException e) {
            error = "cancelled";
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.log(Level.WARNING, "The offline evaluation failed", e);
            error = e.toString();
        }
        synchronized (this) {
            status = new Status(
                    dataFolder,
                    true,
                    false,
                    error == null ? "done" : null,
                    started,
                    Instant.now(),
                    error,
                    List.copyOf(results));
            worker = null;
        }
    }

    private synchronized void progress(String line, Instant started, List<DatasetResult> results) {
        status = new Status(dataFolder, true, true, line, started, null, null, List.copyOf(results));
    }

    @Override
    public synchronized void cancel() {
        if (worker != null) {
            worker.interrupt();
        }
    }
}
