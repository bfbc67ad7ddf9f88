package dev.attune.bench;

import dev.attune.personalization.internal.recommend.Evaluator;
import dev.attune.personalization.internal.recommend.OfflineStudy;
import dev.attune.personalization.internal.recommend.OfflineStudy.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/run offline-eval [FOLDER] [--seed S] [--seeds N] [--quick]}: the recommendation strategies under
 * RecBole's full-ranking protocol on every MovieLens folder (one holding a {@code u.data}) in a folder laid out like
 * ../shared/data/movielens (the default), the protocol of section B of its baselines/BASELINES.md, as run by
 * {@link OfflineStudy} (split seed default 2020, RecBole's; grids tuned on valid, hybrid blended on valid, P/R/NDCG/Hit
 * @10 on test; "best" is the strategy best on valid, never chosen on test). This class only prints: a table per
 * dataset and seed beside RecBole's published BPR rows ({@link OfflineStudy#published}), and with {@code --seeds N}
 * (seeds S..S+N-1) the mean ± sd per strategy. The summary line also gives the test NDCG@10 of the hybrid
 * ({@code hybrid_ndcg@10}, with several seeds {@code hybrid_seeds_mean} and {@code hybrid_seeds_min}): the blend of
 * strategies that need no event times, what serving fits, even when another row is best on valid (e.g. the session
 * hybrid, which needs every interaction's time).
 */
final class OfflineEvaluation {
    private OfflineEvaluation() {}

    static int run(List<String> arguments) throws Exception {
        Path home = Path.of(System.getProperty("attune.home", "."));
        Path root = home.resolve("../shared/data/movielens").normalize();
        long seed = OfflineStudy.DEFAULT_SEED;
        int seeds = 1;
        boolean quick = false;
        for (int a = 0; a < arguments.size(); a++) {
            String argument = arguments.get(a);
            switch (argument) {
                case "--seed" -> seed = Long.parseLong(arguments.get(++a));
                case "--seeds" -> seeds = Integer.parseInt(arguments.get(++a));
                case "--quick" -> quick = true;
                default -> {
                    if (argument.startsWith("--")) {
                        System.err.println("usage: bench/run offline-eval [FOLDER] [--seed S] [--seeds N] [--quick]");
                        return 2;
                    }
                    root = Path.of(argument);
                }
            }
        }
        List<Path> datasets = OfflineStudy.datasets(root);
        if (datasets.isEmpty()) {
            System.out.println(
                    "skipped: no MovieLens data at " + root.toAbsolutePath().normalize());
            System.out.println("offline-eval: skipped=no-data");
            return 0;
        }
        String summary = null;
        for (Path dataset : datasets) { // the summary line speaks for the first dataset (ml-100k today)
            String line = evaluate(root, dataset, seed, seeds, quick);
            summary = summary == null ? line : summary;
        }
        System.out.println(
                datasets.size() == 1
                        ? summary
                        : summary + " dataset=" + datasets.get(0).getFileName());
        return 0;
    }

    /** Evaluates one dataset on every seed; returns its summary line. */
    private static String evaluate(Path root, Path dataset, long firstSeed, int seeds, boolean quick) {
        String name = OfflineStudy.name(dataset);
        List<String[]> published = OfflineStudy.published(root, dataset);
        Map<String, List<Row>> bySeed = new LinkedHashMap<>();
        List<Row> bestPerSeed = new ArrayList<>();
        List<Row> hybridPerSeed = new ArrayList<>();
        List<Long> seedList = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            long seed = firstSeed + s;
            seedList.add(seed);
            OfflineStudy.Result result = OfflineStudy.run(dataset, seed, quick, null);
            OfflineStudy.Counts counts = result.counts();
            if (s == 0) {
                System.out.printf(
                        Locale.ROOT,
                        "%s: %d users, %d items, %d interactions (every rating an implicit " + "positive)%s%n",
                        name,
                        counts.users(),
                        counts.items(),
                        counts.interactions(),
                        quick ? "; --quick grids" : "");
            }
            bestPerSeed.add(result.bestRow());
            result.row(OfflineStudy.HYBRID).ifPresent(hybridPerSeed::add);
            for (Row row : result.rows()) {
                bySeed.computeIfAbsent(row.strategy(), k -> new ArrayList<>()).add(row);
            }
            System.out.printf(
                    Locale.ROOT,
                    "%n%s, split seed %d: train %d, valid %d, test %d interactions; tuned on valid, "
                            + "measured on test (%.0f s)%n",
                    name,
                    seed,
                    counts.train(),
                    counts.valid(),
                    counts.test(),
                    result.took().toNanos() / 1e9);
            printTable(result.rows(), published);
            System.out.printf(Locale.ROOT, "best on valid: %s%n", result.best());
        }
        if (seeds > 1) {
            System.out.printf(Locale.ROOT, "%n%s over %d seeds %s: test mean ± sd%n", name, seeds, seedList);
            System.out.printf(
                    Locale.ROOT, "%-16s %-17s %-17s %-17s %-17s%n", "strategy", "P@10", "R@10", "NDCG@10", "Hit@10");
            for (Map.Entry<String, List<Row>> e : bySeed.entrySet()) {
                List<Evaluator.Metrics> m = e.getValue().stream().map(Row::test).toList();
                System.out.printf(
                        Locale.ROOT,
                        "%-16s %s %s %s %s%n",
                        e.getKey(),
                        meanSd(m.stream()
                                .mapToDouble(Evaluator.Metrics::precision)
                                .toArray()),
                        meanSd(m.stream().mapToDouble(Evaluator.Metrics::recall).toArray()),
                        meanSd(m.stream().mapToDouble(Evaluator.Metrics::ndcg).toArray()),
                        meanSd(m.stream().mapToDouble(Evaluator.Metrics::hit).toArray()));
            }
        }
        Row best = bestPerSeed.get(0);
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "offline-eval: best=%s ndcg@10=%.4f precision@10=%.4f recall@10=%.4f hit@10=%.4f seed=%d",
                best.strategy(),
                best.test().ndcg(),
                best.test().precision(),
                best.test().recall(),
                best.test().hit(),
                firstSeed));
        if (seeds > 1) { // NDCG@10 on test of each seed's best-on-valid strategy
            double[] ndcg =
                    bestPerSeed.stream().mapToDouble(r -> r.test().ndcg()).toArray();
            line.append(String.format(
                    Locale.ROOT,
                    " seeds=%d seeds_mean=%.4f seeds_min=%.4f",
                    seeds,
                    Arrays.stream(ndcg).average().orElse(0),
                    Arrays.stream(ndcg).min().orElse(0)));
        }
        if (!hybridPerSeed.isEmpty()) { // the blend serving can fit (no event times), on test
            double[] ndcg =
                    hybridPerSeed.stream().mapToDouble(r -> r.test().ndcg()).toArray();
            line.append(String.format(Locale.ROOT, " hybrid_ndcg@10=%.4f", ndcg[0]));
            if (seeds > 1) {
                line.append(String.format(
                        Locale.ROOT,
                        " hybrid_seeds_mean=%.4f hybrid_seeds_min=%.4f",
                        Arrays.stream(ndcg).average().orElse(0),
                        Arrays.stream(ndcg).min().orElse(0)));
            }
        }
        return line.toString();
    }

    private static void printTable(List<Row> rows, List<String[]> published) {
        System.out.printf(
                Locale.ROOT,
                "%-14s %-52s %8s | %6s %6s %7s %6s | %7s%n",
                "strategy",
                "params (best on valid)",
                "valid",
                "test",
                "",
                "",
                "",
                "fit");
        System.out.printf(
                Locale.ROOT,
                "%-14s %-52s %8s | %6s %6s %7s %6s | %7s%n",
                "",
                "",
                "NDCG@10",
                "P@10",
                "R@10",
                "NDCG@10",
                "Hit@10",
                "ms");
        for (Row r : rows) {
            String params = r.params().length() > 52 ? r.params().substring(0, 51) + "…" : r.params();
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %-52s %8.4f | %6.4f %6.4f %7.4f %6.4f | %7d%n",
                    r.strategy(),
                    params,
                    r.validNdcg(),
                    r.test().precision(),
                    r.test().recall(),
                    r.test().ndcg(),
                    r.test().hit(),
                    r.fitMillis());
        }
        for (String[] p : published) { // source, model, recall, mrr, ndcg, hit, precision
            String source = p[0].length() > 52 ? p[0].substring(0, 51) + "…" : p[0];
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %-52s %8s | %6s %6s %7s %6s | %7s%n",
                    "published " + p[1],
                    source,
                    "-",
                    p[6],
                    p[2],
                    p[4],
                    p[5],
                    "-");
        }
        for (Row r : rows) {
            if (r.strategy().equals(OfflineStudy.HYBRID)) {
                System.out.println("hybrid = " + r.params() + " (no event times: what serving fits)");
            } else if (r.strategy().equals(OfflineStudy.SESSION_HYBRID)) {
                System.out.println("session-hybrid = " + r.params() + " (session-dlae needs every interaction's time)");
            }
        }
    }

    private static String meanSd(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        double sd = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
        return String.format(Locale.ROOT, "%.4f ± %.4f   ", mean, sd);
    }
}
