package dev.attune.bench;

import dev.attune.personalization.internal.recommend.ContentBased;
import dev.attune.personalization.internal.recommend.Ease;
import dev.attune.personalization.internal.recommend.Evaluator;
import dev.attune.personalization.internal.recommend.GridSearch;
import dev.attune.personalization.internal.recommend.ImplicitAls;
import dev.attune.personalization.internal.recommend.Interactions;
import dev.attune.personalization.internal.recommend.ItemKnn;
import dev.attune.personalization.internal.recommend.MostPopular;
import dev.attune.personalization.internal.recommend.MovieLens;
import dev.attune.personalization.internal.recommend.Recommender;
import dev.attune.personalization.internal.recommend.Rp3Beta;
import dev.attune.personalization.internal.recommend.Split;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;

/**
 * {@code bench/run offline-eval [FOLDER] [--seed S] [--seeds N] [--quick]}: the recommendation strategies under
 * RecBole's full-ranking protocol on every MovieLens folder (one holding a {@code u.data}) in a folder laid out like
 * ../shared/data/movielens (the default), the protocol of section B of its baselines/BASELINES.md:
 * <ul>
 *   <li>every rating of {@code u.data} is an implicit positive; per-user random 80/10/10 train/valid/test split with
 *       the seed (default 2020, RecBole's), see {@link Split};
 *   <li>each strategy's small grid is fitted on train and scored on valid (history and mask = train); the config best
 *       by valid NDCG@10 is measured once on test: fitted on train, scored from the train history, train ∪ valid masked
 *       (what RecBole's FullSortEvalDataLoader does, see {@link Evaluator}); nothing is refitted on train + valid;
 *   <li>the hybrid blends the tuned strategies with weights tuned on valid ({@link GridSearch#blend});
 *   <li>full ranking over all items not masked; Precision, Recall, NDCG and Hit @10, averaged over users with a test
 *       item. "best" is the strategy best on valid, never chosen on test.
 * </ul>
 * Prints RecBole's published BPR rows beside (baselines/recbole_ml100k_bpr_quickstart.csv, when present). With
 * {@code --seeds N} it repeats everything on seeds S..S+N-1 and prints mean ± sd per strategy. The data is read in
 * place, never copied.
 */
final class OfflineEvaluation {
    private static final int K = 10;
    private static final double[] BLEND_LEVELS = {0, 0.25, 0.5, 1, 2};
    /** What a blend weight change must gain on valid NDCG@10 to be taken (see {@link GridSearch#blend}). */
    private static final double MIN_GAIN = 0.0005;
    /** Popularity only ever lowers scores in the blend: a little debiasing towards less popular items. */
    private static final double[] POPULARITY_LEVELS = {-0.2, -0.1, 0};

    private OfflineEvaluation() {
    }

    /** One strategy's result on one seed. */
    private record Row(String strategy, String params, double validNdcg, Evaluator.Metrics test, long fitMillis) {
    }

    static int run(List<String> arguments) throws Exception {
        Path home = Path.of(System.getProperty("attune.home", "."));
        Path root = home.resolve("../shared/data/movielens").normalize();
        long seed = 2020;
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
        List<Path> datasets = datasets(root);
        if (datasets.isEmpty()) {
            System.out.println("skipped: no MovieLens data at " + root.toAbsolutePath().normalize());
            System.out.println("offline-eval: skipped=no-data");
            return 0;
        }
        String summary = null;
        for (Path dataset : datasets) { // the summary line speaks for the first dataset (ml-100k today)
            String line = evaluate(root, dataset, seed, seeds, quick);
            summary = summary == null ? line : summary;
        }
        System.out.println(datasets.size() == 1 ? summary : summary + " dataset=" + datasets.get(0).getFileName());
        return 0;
    }

    /** The folder itself if it holds u.data, else its sub-folders that do, by name. */
    private static List<Path> datasets(Path root) throws Exception {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        if (Files.isRegularFile(root.resolve("u.data"))) {
            return List.of(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("u.data"))).sorted().toList();
        }
    }

    /** Evaluates one dataset on every seed; returns its summary line. */
    private static String evaluate(Path root, Path dataset, long firstSeed, int seeds, boolean quick) throws Exception {
        String name = dataset.getFileName().toString();
        Interactions all = MovieLens.implicitRatings(dataset.resolve("u.data"));
        Map<String, List<String>> genres = Files.isRegularFile(dataset.resolve("u.item"))
                ? MovieLens.genres(dataset.resolve("u.item")) : Map.of();
        System.out.printf(Locale.ROOT, "%s: %d users, %d items, %d interactions (every rating an implicit positive)%s%n",
                name, all.userCount(), all.itemCount(), all.size(), quick ? "; --quick grids" : "");
        List<String[]> published = published(root, dataset, name);
        Map<String, List<Row>> bySeed = new LinkedHashMap<>();
        List<Row> bestPerSeed = new ArrayList<>();
        List<Long> seedList = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            long seed = firstSeed + s;
            seedList.add(seed);
            long start = System.nanoTime();
            Split split = Split.perUser(all, 0.8, 0.1, 0.1, seed);
            List<Row> rows = new ArrayList<>();
            List<GridSearch.Outcome> forBlend = new ArrayList<>();
            List<double[]> levels = new ArrayList<>();
            for (Map.Entry<String, List<Recommender>> grid : grids(genres, quick).entrySet()) {
                GridSearch.Outcome outcome = GridSearch.run(split, grid.getValue(), K);
                rows.add(row(grid.getKey(), outcome));
                if (BLENDED.contains(grid.getKey())) {
                    forBlend.add(outcome);
                    levels.add(grid.getKey().equals("most-popular") ? POPULARITY_LEVELS : BLEND_LEVELS);
                }
            }
            rows.add(row("hybrid", GridSearch.blend(split, forBlend, levels, MIN_GAIN, K)));
            Row best = rows.stream().max((a, b) -> Double.compare(a.validNdcg(), b.validNdcg())).orElseThrow();
            bestPerSeed.add(best);
            for (Row row : rows) {
                bySeed.computeIfAbsent(row.strategy(), k -> new ArrayList<>()).add(row);
            }
            System.out.printf(Locale.ROOT, "%n%s, split seed %d: train %d, valid %d, test %d interactions; tuned on valid, "
                    + "measured on test (%.0f s)%n", name, seed, split.train().size(), split.valid().size(),
                    split.test().size(), (System.nanoTime() - start) / 1e9);
            printTable(rows, published);
            System.out.printf(Locale.ROOT, "best on valid: %s%n", best.strategy());
        }
        if (seeds > 1) {
            System.out.printf(Locale.ROOT, "%n%s over %d seeds %s: test mean ± sd%n", name, seeds, seedList);
            System.out.printf(Locale.ROOT, "%-16s %-17s %-17s %-17s %-17s%n", "strategy", "P@10", "R@10", "NDCG@10",
                    "Hit@10");
            for (Map.Entry<String, List<Row>> e : bySeed.entrySet()) {
                List<Evaluator.Metrics> m = e.getValue().stream().map(Row::test).toList();
                System.out.printf(Locale.ROOT, "%-16s %s %s %s %s%n", e.getKey(),
                        meanSd(m.stream().mapToDouble(Evaluator.Metrics::precision).toArray()),
                        meanSd(m.stream().mapToDouble(Evaluator.Metrics::recall).toArray()),
                        meanSd(m.stream().mapToDouble(Evaluator.Metrics::ndcg).toArray()),
                        meanSd(m.stream().mapToDouble(Evaluator.Metrics::hit).toArray()));
            }
        }
        Row best = bestPerSeed.get(0);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "offline-eval: best=%s ndcg@10=%.4f precision@10=%.4f recall@10=%.4f hit@10=%.4f seed=%d", best.strategy(),
                best.test().ndcg(), best.test().precision(), best.test().recall(), best.test().hit(), firstSeed));
        if (seeds > 1) { // NDCG@10 on test of each seed's best-on-valid strategy
            double[] ndcg = bestPerSeed.stream().mapToDouble(r -> r.test().ndcg()).toArray();
            line.append(String.format(Locale.ROOT, " seeds=%d seeds_mean=%.4f seeds_min=%.4f", seeds,
                    Arrays.stream(ndcg).average().orElse(0), Arrays.stream(ndcg).min().orElse(0)));
        }
        return line.toString();
    }

    /** The strategies whose best config goes into the hybrid. */
    private static final List<String> BLENDED = List.of("most-popular", "item-knn", "rp3beta", "ials", "ease", "dlae",
            "session-dlae");

    /** Each strategy's small grid (the first entry of a one-entry grid is just fitted and measured). */
    private static Map<String, List<Recommender>> grids(Map<String, List<String>> genres, boolean quick) {
        Map<String, List<Recommender>> grids = new LinkedHashMap<>();
        grids.put("most-popular", List.of(new MostPopular(new MostPopular.Params(0))));
        grids.put("trending", quick ? List.of(new MostPopular(new MostPopular.Params(30)))
                : values(new double[] {7, 30, 120}, h -> new MostPopular(new MostPopular.Params(h))));
        if (!genres.isEmpty()) {
            grids.put("content", List.of(new ContentBased(new ContentBased.Params(true), genres),
                    new ContentBased(new ContentBased.Params(false), genres)));
        }
        List<Recommender> knn = new ArrayList<>();
        for (int k : quick ? new int[] {250} : new int[] {50, 100, 250}) {
            for (double shrink : quick ? new double[] {0} : new double[] {0, 10}) {
                knn.add(new ItemKnn(new ItemKnn.Params(k, shrink)));
            }
        }
        grids.put("item-knn", knn);
        List<Recommender> rp3 = new ArrayList<>();
        for (double alpha : quick ? new double[] {1} : new double[] {0.6, 1}) {
            for (double beta : quick ? new double[] {0.5} : new double[] {0.3, 0.5, 0.7}) {
                rp3.add(new Rp3Beta(new Rp3Beta.Params(alpha, beta, 200)));
            }
        }
        grids.put("rp3beta", rp3);
        List<Recommender> ials = new ArrayList<>();
        for (int factors : quick ? new int[] {32} : new int[] {32, 64}) {
            for (double[] lambdaAlpha : quick ? new double[][] {{30, 3}} : new double[][] {{30, 3}, {50, 5}}) {
                ials.add(new ImplicitAls(new ImplicitAls.Params(factors, lambdaAlpha[0], lambdaAlpha[1], quick ? 8 : 12, 42)));
            }
        }
        grids.put("ials", ials);
        grids.put("ease", values(quick ? new double[] {200, 500} : new double[] {100, 200, 300, 500, 800},
                l -> new Ease(Ease.Params.ease(l))));
        List<Recommender> dlae = new ArrayList<>();
        for (double lambda : quick ? new double[] {300} : new double[] {150, 300, 500}) {
            for (double p : quick ? new double[] {0.25} : new double[] {0.25, 0.5}) {
                dlae.add(new Ease(Ease.Params.dlae(lambda, p)));
            }
        }
        grids.put("dlae", dlae);
        List<Recommender> session = new ArrayList<>();
        for (double lambda : quick ? new double[] {300} : new double[] {300, 500}) {
            for (double p : quick ? new double[] {0.25} : new double[] {0.25, 0.5}) {
                for (double seconds : quick ? new double[] {300} : new double[] {300, 1000}) {
                    session.add(new Ease(new Ease.Params(lambda, p, seconds, 0.5)));
                }
            }
        }
        grids.put("session-dlae", session);
        return grids;
    }

    private static List<Recommender> values(double[] values, DoubleFunction<Recommender> make) {
        return Arrays.stream(values).mapToObj(make).toList();
    }

    private static Row row(String strategy, GridSearch.Outcome outcome) {
        String params = outcome.best().recommender().params().toString().replaceFirst("^Params\\[(.*)\\]$", "$1");
        return new Row(strategy, params, outcome.best().valid().ndcg(), outcome.test(), outcome.best().fitMillis());
    }

    private static void printTable(List<Row> rows, List<String[]> published) {
        System.out.printf(Locale.ROOT, "%-14s %-52s %8s | %6s %6s %7s %6s | %7s%n", "strategy", "params (best on valid)",
                "valid", "test", "", "", "", "fit");
        System.out.printf(Locale.ROOT, "%-14s %-52s %8s | %6s %6s %7s %6s | %7s%n", "", "", "NDCG@10", "P@10", "R@10",
                "NDCG@10", "Hit@10", "ms");
        for (Row r : rows) {
            String params = r.params().length() > 52 ? r.params().substring(0, 51) + "…" : r.params();
            System.out.printf(Locale.ROOT, "%-14s %-52s %8.4f | %6.4f %6.4f %7.4f %6.4f | %7d%n", r.strategy(), params,
                    r.validNdcg(), r.test().precision(), r.test().recall(), r.test().ndcg(), r.test().hit(), r.fitMillis());
        }
        for (String[] p : published) {
            System.out.printf(Locale.ROOT, "%-14s %-52s %8s | %6s %6s %7s %6s | %7s%n", "published " + p[1], p[0], "-", p[6],
                    p[2], p[4], p[5], "-");
        }
        Row hybrid = rows.stream().filter(r -> r.strategy().equals("hybrid")).findFirst().orElse(null);
        if (hybrid != null) {
            System.out.println("hybrid = " + hybrid.params());
        }
    }

    /**
     * The BPR rows of RecBole's ml-100k quick start (source, model, recall, mrr, ndcg, hit, precision) when the
     * dataset is ml-100k and the CSV is in FOLDER/baselines.
     */
    private static List<String[]> published(Path root, Path dataset, String name) throws Exception {
        Path csv = root.resolve("baselines/recbole_ml100k_bpr_quickstart.csv");
        if (!name.equals("ml-100k") || !Files.isRegularFile(csv)) {
            return List.of();
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String[] p = line.split(",");
            if (p.length >= 7 && !p[0].equals("source") && p[1].equals("BPR")) {
                String source = p[0].replace(" test result", "");
                rows.add(new String[] {source.length() > 52 ? source.substring(0, 51) + "…" : source, p[1], p[2], p[3],
                    p[4], p[5], p[6]});
            }
        }
        return rows;
    }

    private static String meanSd(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        double squares = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum();
        double sd = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0;
        return String.format(Locale.ROOT, "%.4f ± %.4f   ", mean, sd);
    }
}
