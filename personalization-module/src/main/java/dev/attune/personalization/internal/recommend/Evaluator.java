package dev.attune.personalization.internal.recommend;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Full-ranking top-k evaluation as RecBole's {@code FullSortEvalDataLoader}: for every user with at least one relevant
 * item, the model scores all items from the user's history vector, the items of the user's masked set are removed,
 * and the k best are compared with the relevant items; metrics are averaged over those users.
 *
 * <p>What RecBole uses where (read in RUCAIBox/RecBole: {@code recbole/sampler/sampler.py} {@code Sampler.get_used_ids}
 * accumulates the phases, so the used ids of phase "test" are train ∪ valid ∪ test, and {@code FullSortEvalDataLoader}
 * sets history = used − positives; {@code recbole/model/general_recommender/ease.py} scores from
 * {@code dataset.inter_matrix} of the training set): when validating, history = mask = train; when testing, the model is
 * the one fitted on train, scored from the train history, with train ∪ valid masked. {@link Split#seen()} is that mask.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Means over the evaluated users. */
    public record Metrics(int users, double precision, double recall, double ndcg, double hit) {}

    /**
     * @param history  each user's row is the history vector given to the model
     * @param masked   each user's row is left out of the ranking
     * @param relevant each user's row is what counts as a hit; users with an empty row are not evaluated
     */
    public static Metrics evaluate(
            Model model, Interactions history, Interactions masked, Interactions relevant, int k) {
        int[] users = evaluatedUsers(relevant);
        double[][] perUser = new double[users.length][];
        IntStream.range(0, users.length).parallel().forEach(x -> {
            int u = users[x];
            SparseVector h = history.row(u);
            float[] scores = new float[model.itemCount()];
            model.score(h, scores);
            int[] ranked = TopN.select(scores, k, null, maskOf(masked, u));
            IntPredicate isRelevant = relevantOf(relevant, u);
            int count = relevant.rowSize(u);
            perUser[x] = new double[] {
                RankingMetrics.precision(ranked, isRelevant, k),
                RankingMetrics.recall(ranked, isRelevant, count, k),
                RankingMetrics.ndcg(ranked, isRelevant, count, k),
                RankingMetrics.hit(ranked, isRelevant, k)
            };
        });
        double[] sums = new double[4];
        for (double[] m : perUser) { // in user order: the same sums on every run
            for (int c = 0; c < 4; c++) {
                sums[c] += m[c];
            }
        }
        int n = Math.max(users.length, 1);
        return new Metrics(users.length, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n);
    }

    /**
     * Mean NDCG@k of many blends of the same fitted components at once (each user's components are scored and
     * standardised once, then every weight vector is tried): what tuning a {@link Hybrid} on validation data needs.
     */
    public static double[] evaluateBlends(
            List<Model> components,
            List<double[]> weightVectors,
            Interactions history,
            Interactions masked,
            Interactions relevant,
            int k) {
        int[] users = evaluatedUsers(relevant);
        int items = components.get(0).itemCount();
        double[][] perUser = new double[users.length][];
        IntStream.range(0, users.length).parallel().forEach(x -> {
            int u = users[x];
            SparseVector h = history.row(u);
            float[][] standard = new float[components.size()][items];
            for (int c = 0; c < components.size(); c++) {
                components.get(c).score(h, standard[c]);
                Hybrid.standardise(standard[c], h);
            }
            BitSet mask = maskOf(masked, u);
            IntPredicate isRelevant = relevantOf(relevant, u);
            int count = relevant.rowSize(u);
            float[] blend = new float[items];
            double[] ndcg = new double[weightVectors.size()];
            for (int v = 0; v < weightVectors.size(); v++) {
                double[] w = weightVectors.get(v);
                Arrays.fill(blend, 0f);
                for (int c = 0; c < components.size(); c++) {
                    if (w[c] != 0) {
                        float wc = (float) w[c];
                        float[] s = standard[c];
                        for (int j = 0; j < items; j++) {
                            blend[j] += wc * s[j];
                        }
                    }
                }
                ndcg[v] = RankingMetrics.ndcg(TopN.select(blend, k, null, mask), isRelevant, count, k);
            }
            perUser[x] = ndcg;
        });
        double[] means = new double[weightVectors.size()];
        for (double[] m : perUser) {
            for (int v = 0; v < means.length; v++) {
                means[v] += m[v];
            }
        }
        for (int v = 0; v < means.length; v++) {
            means[v] /= Math.max(users.length, 1);
        }
        return means;
    }

    private static int[] evaluatedUsers(Interactions relevant) {
        return IntStream.range(0, relevant.userCount())
                .filter(u -> relevant.rowSize(u) > 0)
                .toArray();
    }

    private static BitSet maskOf(Interactions masked, int u) {
        BitSet mask = new BitSet(masked.itemCount());
        for (int p = masked.start(u); p < masked.end(u); p++) {
            mask.set(masked.item(p));
        }
        return mask;
    }

    private static IntPredicate relevantOf(Interactions relevant, int u) {
        BitSet set = maskOf(relevant, u);
        return set::get;
    }
}
