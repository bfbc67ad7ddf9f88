package dev.attune.personalization.api;

import java.time.Instant;
import java.util.List;

/**
 * The offline evaluation of the recommendation strategies, run from the console: every MovieLens-like dataset in the
 * configured folder ({@code attune.recommendations.offline-data}) replayed under RecBole's full-ranking protocol (per
 * person random 80/10/10 split, parameters tuned on valid, Precision/Recall/NDCG/Hit at 10 on test) beside the
 * published BPR figures, in the background, one run at a time.
 */
public interface OfflineEvaluationService {

    /** One strategy's figures: parameters chosen on valid, valid NDCG@10, test metrics, fit time. */
    record Row(
            String strategy,
            String params,
            double validNdcg,
            double precision,
            double recall,
            double ndcg,
            double hit,
            long fitMillis) {}

    /** A published reference row (source, model, recall, NDCG, hit, precision at 10). */
    record Published(String source, String model, double recall, double ndcg, double hit, double precision) {}

    record DatasetResult(
            String dataset, long seed, String best, List<Row> rows, List<Published> published, long seconds) {}

    /** What the console shows: where the data is looked for, whether a run is going, its latest progress, the results. */
    record Status(
            String dataFolder,
            boolean dataPresent,
            boolean running,
            String progress,
            Instant startedAt,
            Instant finishedAt,
            String error,
            List<DatasetResult> results) {}

    Status status();

    /** Starts a run (quick: small grids) unless one is running; answers the status. */
    Status start(long seed, boolean quick);

    /** Stops the running evaluation. */
    void cancel();
}
