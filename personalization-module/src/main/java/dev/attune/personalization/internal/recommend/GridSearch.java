package dev.attune.personalization.internal.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tuning on validation data only: every candidate is fitted on train and scored on valid (history and mask = train);
 * the best by NDCG@k is then measured once on test (fitted on train, history train, mask train ∪ valid; see
 * {@link Evaluator}). Only the best fitted model is kept in memory.
 */
public final class GridSearch {
    private GridSearch() {}

    /** One fitted candidate: its validation metrics and fit time. */
    public record Trial(Recommender recommender, Evaluator.Metrics valid, long fitMillis) {}

    /** The best trial with its fitted model and test metrics, and every trial tried. */
    public record Outcome(Trial best, Model model, Evaluator.Metrics test, List<Trial> trials) {}

    public static Outcome run(Split split, List<? extends Recommender> candidates, int k) {
        List<Trial> trials = new ArrayList<>();
        Trial best = null;
        Model bestModel = null;
        for (Recommender candidate : candidates) {
            long start = System.nanoTime();
            Model model = candidate.fit(split.train());
            long millis = (System.nanoTime() - start) / 1_000_000;
            Evaluator.Metrics valid = Evaluator.evaluate(model, split.train(), split.train(), split.valid(), k);
            Trial trial = new Trial(candidate, valid, millis);
            trials.add(trial);
            if (best == null || valid.ndcg() > best.valid().ndcg()) {
                best = trial;
                bestModel = model;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no candidates");
        }
        Evaluator.Metrics test = Evaluator.evaluate(bestModel, split.train(), split.seen(), split.test(), k);
        return new Outcome(best, bestModel, test, trials);
    }

    /**
     * Tunes the weights of a {@link Hybrid} of already tuned strategies on validation data by coordinate ascent: from a
     * start vector, each round tries every component at each of its levels (the others fixed) and keeps the best
     * vector if it gains more than {@code minGain} (so that noise in the validation data does not buy components: a
     * gain of 0.0005 NDCG is about the sampling noise of a paired difference on ml-100k's 943 users); it stops when a
     * round gains nothing. It starts once from each component that can take weight 1 (one start alone gets stuck in
     * local optima) and keeps the best end point. {@code levels.get(c)} are the weights component c may take (e.g.
     * only negative ones for popularity, to debias). Components left at weight 0 are dropped. The fit time reported is
     * the sum of the components' (the blend itself fits nothing).
     */
    public static Outcome blend(Split split, List<Outcome> components, List<double[]> levels, double minGain, int k) {
        return blended(split, components, weights(split, components, levels, minGain, k, List.of()), k);
    }

    /**
     * The weights {@link #blend} would choose, one per component (0 for a component left out), with {@code starts}
     * as further start vectors besides the one-component ones (e.g. the weights of a blend of fewer components, the
     * new ones at 0: then the result is at least as good on valid as that blend).
     */
    static double[] weights(
            Split split,
            List<Outcome> components,
            List<double[]> levels,
            double minGain,
            int k,
            List<double[]> starts) {
        List<Model> models = components.stream().map(Outcome::model).toList();
        int size = components.size();
        if (levels.size() != size) {
            throw new IllegalArgumentException("one list of levels per component");
        }
        List<double[]> from = new ArrayList<>();
        List<Double> fromNdcg = new ArrayList<>();
        for (int start = 0; start < size; start++) {
            if (Arrays.stream(levels.get(start)).noneMatch(level -> level == 1)) {
                continue;
            }
            double[] w = new double[size];
            w[start] = 1;
            from.add(w);
            fromNdcg.add(components.get(start).best().valid().ndcg());
        }
        for (double[] start : starts) {
            if (start.length != size || Arrays.stream(start).noneMatch(x -> x > 0)) {
                throw new IllegalArgumentException("a start needs one weight per component, one of them positive");
            }
            from.add(start.clone());
            fromNdcg.add(
                    Evaluator.evaluateBlends(models, List.of(start), split.train(), split.train(), split.valid(), k)[
                            0]);
        }
        if (from.isEmpty()) {
            throw new IllegalArgumentException("no component may take weight 1");
        }
        double[] weights = null;
        double best = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < from.size(); s++) {
            double[] w = from.get(s);
            double ndcg = fromNdcg.get(s);
            for (int round = 0; round < 8; round++) {
                double[] current = w;
                List<double[]> candidates = new ArrayList<>();
                for (int c = 0; c < size; c++) {
                    for (double level : levels.get(c)) {
                        if (level != current[c]) {
                            double[] candidate = current.clone();
                            candidate[c] = level;
                            if (Arrays.stream(candidate).anyMatch(x -> x > 0)) {
                                candidates.add(candidate);
                            }
                        }
                    }
                }
                double[] scores =
                        Evaluator.evaluateBlends(models, candidates, split.train(), split.train(), split.valid(), k);
                int winner = -1;
                for (int v = 0; v < scores.length; v++) {
                    if (scores[v] > ndcg + minGain && (winner < 0 || scores[v] > scores[winner])) {
                        winner = v;
                    }
                }
                if (winner < 0) {
                    break;
                }
                w = candidates.get(winner);
                ndcg = scores[winner];
            }
            if (ndcg > best) {
                best = ndcg;
                weights = w;
            }
        }
        return weights;
    }

    /** The blend of the components with these weights (weight 0 drops a component), measured on valid and test. */
    static Outcome blended(Split split, List<Outcome> components, double[] weights, int k) {
        List<Recommender> used = new ArrayList<>();
        List<Model> usedModels = new ArrayList<>();
        List<Double> usedWeights = new ArrayList<>();
        long fitMillis = 0;
        for (int c = 0; c < components.size(); c++) {
            if (weights[c] != 0) {
                used.add(components.get(c).best().recommender());
                usedModels.add(components.get(c).model());
                usedWeights.add(weights[c]);
                fitMillis += components.get(c).best().fitMillis();
            }
        }
        Model model = Hybrid.blend(usedModels, usedWeights);
        Evaluator.Metrics valid = Evaluator.evaluate(model, split.train(), split.train(), split.valid(), k);
        Evaluator.Metrics test = Evaluator.evaluate(model, split.train(), split.seen(), split.test(), k);
        Trial trial = new Trial(new Hybrid(used, usedWeights), valid, fitMillis);
        return new Outcome(trial, model, test, List.of(trial));
    }
}
