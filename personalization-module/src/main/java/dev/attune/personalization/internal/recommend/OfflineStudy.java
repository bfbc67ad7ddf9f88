package dev.attune.personalization.internal.recommend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;

/**
 * The offline study of the recommendation strategies on a MovieLens folder (one holding a {@code u.data}) under
 * RecBole's full-ranking protocol, for one split seed (what {@code bench/run offline-eval} prints, and what a console
 * can run in the server):
 * <ul>
 *   <li>every rating of {@code u.data} is an implicit positive; per-user random 80/10/10 train/valid/test split with
 *       the seed (2020 is RecBole's), see {@link Split};
 *   <li>each strategy's small grid is fitted on train and scored on valid (history and mask = train); the config best
 *       by valid NDCG@10 is measured once on test: fitted on train, scored from the train history, train ∪ valid masked
 *       (what RecBole's FullSortEvalDataLoader does, see {@link Evaluator}); nothing is refitted on train + valid;
 *   <li>the hybrid blends the tuned strategies that need no event times (what serving can fit) with weights tuned on
 *       valid ({@link GridSearch#blend}); the session hybrid ({@value #SESSION_HYBRID}) does the same with session-DLAE
 *       added, which needs the time of every interaction (MovieLens has it, the live profiles do not);
 *   <li>full ranking over all items not masked; Precision, Recall, NDCG and Hit @10, averaged over users with a test
 *       item. {@link Result#best()} is the strategy best on valid, never chosen on test.
 * </ul>
 * Plain Java, no CDI; {@link #run} blocks (tens of seconds on ml-100k with the full grids, on two cores), reports
 * progress lines and stops with a {@link CancellationException} when its thread is interrupted (checked between
 * configurations). The data is read in place, never copied.
 */
public final class OfflineStudy {
    /** The cut-off of every metric. */
    public static final int K = 10;
    /** RecBole's split seed. */
    public static final long DEFAULT_SEED = 2020;
    /** The CSV of RecBole's published BPR rows, relative to the folder the datasets are in. */
    public static final String PUBLISHED_CSV = "baselines/recbole_ml100k_bpr_quickstart.csv";
    /** The name of the blended row (strategies that need no event times: what serving can fit). */
    public static final String HYBRID = "hybrid";
    /** The name of the blended row that may use session-DLAE too (needs every interaction's time). */
    public static final String SESSION_HYBRID = "session-hybrid";

    private static final double[] BLEND_LEVELS = {0, 0.25, 0.5, 1, 2};
    /** What a blend weight change must gain on valid NDCG@10 to be taken (see {@link GridSearch#blend}). */
    private static final double MIN_GAIN = 0.0005;
    /** Popularity only ever lowers scores in the blend: a little debiasing towards less popular items. */
    private static final double[] POPULARITY_LEVELS = {-0.2, -0.1, 0};
    /** The strategies whose best config goes into the hybrid: none needs event times. */
    private static final List<String> BLENDED =
            List.of("most-popular", "item-knn", "rp3beta", "ials", "spectral", "ease", "dlae");
    /**
     * What the session hybrid blends on top of {@link #BLENDED}: strategies that need event times, each with the
     * strategy of {@link #BLENDED} it is a variant of (the session hybrid also starts from the hybrid with the variant in
     * its place: coordinate ascent cannot swap two components in one step).
     */
    private static final Map<String, String> TIMED = Map.of("session-dlae", "dlae");

    private OfflineStudy() {}

    /**
     * One strategy's result on one seed: the params of its config best on valid (the params record's fields, e.g.
     * {@code lambda=300}; for the hybrid its weighted components), that config's valid NDCG@10, its test metrics and
     * its fit time (for the hybrid the sum of its components').
     */
    public record Row(String strategy, String params, double validNdcg, Evaluator.Metrics test, long fitMillis) {}

    /** Sizes of the data and of its split. */
    public record Counts(int users, int items, int interactions, int train, int valid, int test) {}

    /**
     * One dataset on one seed: a row per strategy in a fixed order, the hybrid and the session hybrid last;
     * {@code best} is the strategy best on valid; {@code took} is the time from split to blend (reading the files
     * excluded).
     */
    public record Result(String dataset, long seed, List<Row> rows, String best, Duration took, Counts counts) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** The row of a strategy, if it ran (content runs only with a u.item). */
        public Optional<Row> row(String strategy) {
            return rows.stream().filter(r -> r.strategy().equals(strategy)).findFirst();
        }

        /** The row of the strategy best on valid. */
        public Row bestRow() {
            return row(best).orElseThrow();
        }
    }

    /** The folder itself if it holds u.data, else its sub-folders that do, by name; empty if it is no folder. */
    public static List<Path> datasets(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        if (Files.isRegularFile(root.resolve("u.data"))) {
            return List.of(root);
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("u.data")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The name a dataset is reported under: its folder's name. */
    public static String name(Path dataset) {
        Path name = dataset.getFileName();
        if (name == null
                || name.toString().isEmpty()
                || name.toString().equals(".")
                || name.toString().equals("..")) {
            name = dataset.toAbsolutePath().normalize().getFileName();
        }
        return name == null ? dataset.toString() : name.toString();
    }

    /**
     * The BPR rows of RecBole's ml-100k quick start when the dataset is ml-100k and {@value #PUBLISHED_CSV} is under
     * {@code root} (the folder the datasets were found in): per row {source (without " test result"), model, recall,
     * mrr, ndcg, hit, precision}, as written in the CSV; empty otherwise.
     */
    public static List<String[]> published(Path root, Path dataset) {
        Path csv = root.resolve(PUBLISHED_CSV);
        if (!name(dataset).equals("ml-100k") || !Files.isRegularFile(csv)) {
            return List.of();
        }
        List<String[]> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                String[] p = line.split(",");
                if (p.length >= 7 && !p[0].equals("source") && p[1].equals("BPR")) {
                    rows.add(new String[] {p[0].replace(" test result", ""), p[1], p[2], p[3], p[4], p[5], p[6]});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * Runs the study on one dataset folder (u.data, and u.item for the content strategy) and one split seed.
     *
     * @param quick    one or two configs per strategy instead of the full grids (about 4 times faster)
     * @param progress receives lines such as {@code "ease: 3/5 configurations"} as the study goes (may be null)
     * @throws CancellationException when the thread is interrupted (its interrupt flag stays set)
     * @throws UncheckedIOException  when the files cannot be read
     */
    public static Result run(Path dataset, long seed, boolean quick, Consumer<String> progress) {
        Consumer<String> report = progress == null ? line -> {} : progress;
        String name = name(dataset);
        checkInterrupt();
        Interactions all;
        Map<String, List<String>> genres;
        try {
            all = MovieLens.implicitRatings(dataset.resolve("u.data"));
            genres = Files.isRegularFile(dataset.resolve("u.item"))
                    ? MovieLens.genres(dataset.resolve("u.item"))
                    : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        report.accept(String.format(
                Locale.ROOT,
                "%s: %d users, %d items, %d interactions",
                name,
                all.userCount(),
                all.itemCount(),
                all.size()));
        checkInterrupt();
        long start = System.nanoTime();
        Split split = Split.perUser(all, 0.8, 0.1, 0.1, seed);
        report.accept(String.format(
                Locale.ROOT,
                "split seed %d: train %d, valid %d, test %d",
                seed,
                split.train().size(),
                split.valid().size(),
                split.test().size()));
        Map<String, List<Recommender>> grids = grids(genres, quick);
        report.accept(String.format(
                Locale.ROOT,
                "tuning %d strategies, %d configurations, on valid",
                grids.size(),
                grids.values().stream().mapToInt(List::size).sum()));
        List<Row> rows = new ArrayList<>();
        List<String> blended = new ArrayList<>();
        List<GridSearch.Outcome> forBlend = new ArrayList<>();
        List<double[]> levels = new ArrayList<>();
        List<String> timedNames = new ArrayList<>();
        List<GridSearch.Outcome> timed = new ArrayList<>();
        for (Map.Entry<String, List<Recommender>> grid : grids.entrySet()) {
            GridSearch.Outcome outcome = tune(grid.getKey(), split, grid.getValue(), report);
            rows.add(row(grid.getKey(), outcome));
            if (BLENDED.contains(grid.getKey())) {
                blended.add(grid.getKey());
                forBlend.add(outcome);
                levels.add(grid.getKey().equals("most-popular") ? POPULARITY_LEVELS : BLEND_LEVELS);
            } else if (TIMED.containsKey(grid.getKey())) {
                timedNames.add(grid.getKey());
                timed.add(outcome);
            }
        }
        checkInterrupt();
        report.accept(HYBRID + ": blending " + forBlend.size() + " tuned strategies");
        double[] weights = GridSearch.weights(split, forBlend, levels, MIN_GAIN, K, List.of());
        rows.add(row(HYBRID, GridSearch.blended(split, forBlend, weights, K)));
        checkInterrupt();
        List<GridSearch.Outcome> withTimed = new ArrayList<>(forBlend);
        List<double[]> withTimedLevels = new ArrayList<>(levels);
        for (GridSearch.Outcome outcome : timed) {
            withTimed.add(outcome);
            withTimedLevels.add(BLEND_LEVELS);
        }
        report.accept(SESSION_HYBRID + ": blending " + withTimed.size() + " tuned strategies");
        // also from the hybrid's weights (timed strategies at 0: on valid the session hybrid is never worse), and from
        // the hybrid with each timed variant in the place of the strategy it varies
        List<double[]> starts = new ArrayList<>();
        starts.add(Arrays.copyOf(weights, withTimed.size()));
        for (int t = 0; t < timedNames.size(); t++) {
            int untimed = blended.indexOf(TIMED.get(timedNames.get(t)));
            if (untimed >= 0 && weights[untimed] > 0) {
                double[] swapped = Arrays.copyOf(weights, withTimed.size());
                swapped[forBlend.size() + t] = swapped[untimed];
                swapped[untimed] = 0;
                starts.add(swapped);
            }
        }
        double[] timedWeights = GridSearch.weights(split, withTimed, withTimedLevels, MIN_GAIN, K, starts);
        rows.add(row(SESSION_HYBRID, GridSearch.blended(split, withTimed, timedWeights, K)));
        Row best = rows.stream()
                .max((a, b) -> Double.compare(a.validNdcg(), b.validNdcg()))
                .orElseThrow();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        report.accept(String.format(
                Locale.ROOT,
                "done: best on valid %s, test NDCG@%d %.4f (%.0f s)",
                best.strategy(),
                K,
                best.test().ndcg(),
                took.toMillis() / 1e3));
        return new Result(
                name,
                seed,
                rows,
                best.strategy(),
                took,
                new Counts(
                        all.userCount(),
                        all.itemCount(),
                        all.size(),
                        split.train().size(),
                        split.valid().size(),
                        split.test().size()));
    }

    /**
     * {@link GridSearch#run} config by config (the same fits, the same choice: the first config with the highest
     * valid NDCG@k, measured once on test), with a progress line after each and an interrupt check before each.
     */
    private static GridSearch.Outcome tune(
            String strategy, Split split, List<Recommender> candidates, Consumer<String> report) {
        List<GridSearch.Trial> trials = new ArrayList<>();
        GridSearch.Trial best = null;
        Model bestModel = null;
        for (Recommender candidate : candidates) {
            checkInterrupt();
            long start = System.nanoTime();
            Model model = candidate.fit(split.train());
            long millis = (System.nanoTime() - start) / 1_000_000;
            Evaluator.Metrics valid = Evaluator.evaluate(model, split.train(), split.train(), split.valid(), K);
            GridSearch.Trial trial = new GridSearch.Trial(candidate, valid, millis);
            trials.add(trial);
            if (best == null || valid.ndcg() > best.valid().ndcg()) {
                best = trial;
                bestModel = model;
            }
            report.accept(strategy + ": " + trials.size() + "/" + candidates.size() + " configurations");
        }
        if (best == null) {
            throw new IllegalArgumentException("no candidates for " + strategy);
        }
        checkInterrupt();
        Evaluator.Metrics test = Evaluator.evaluate(bestModel, split.train(), split.seen(), split.test(), K);
        return new GridSearch.Outcome(best, bestModel, test, trials);
    }

    private static void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("offline study interrupted");
        }
    }

    /** Each strategy's small grid (the first entry of a one-entry grid is just fitted and measured). */
    private static Map<String, List<Recommender>> grids(Map<String, List<String>> genres, boolean quick) {
        Map<String, List<Recommender>> grids = new LinkedHashMap<>();
        grids.put("most-popular", List.of(new MostPopular(new MostPopular.Params(0))));
        grids.put(
                "trending",
                quick
                        ? List.of(new MostPopular(new MostPopular.Params(30)))
                        : values(new double[] {7, 30, 120}, h -> new MostPopular(new MostPopular.Params(h))));
        if (!genres.isEmpty()) {
            grids.put(
                    "content",
                    List.of(
                            new ContentBased(new ContentBased.Params(true), genres),
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
                ials.add(new ImplicitAls(
                        new ImplicitAls.Params(factors, lambdaAlpha[0], lambdaAlpha[1], quick ? 8 : 12, 42)));
            }
        }
        grids.put("ials", ials);
        List<Recommender> spectral = new ArrayList<>();
        for (int factors : quick ? new int[] {24} : new int[] {24, 32, 48}) {
            for (double exponent : quick ? new double[] {0.3} : new double[] {0.3, 0.5}) {
                spectral.add(new SpectralFilter(new SpectralFilter.Params(factors, exponent)));
            }
        }
        grids.put("spectral", spectral);
        grids.put(
                "ease",
                values(
                        quick ? new double[] {200, 500} : new double[] {100, 200, 300, 500, 800},
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
        return new Row(
                strategy,
                params,
                outcome.best().valid().ndcg(),
                outcome.test(),
                outcome.best().fitMillis());
    }
}
