package dev.attune.personalization.internal.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A weighted blend of other strategies: each component's scores are standardised per person (z-scores over the items
 * outside the history, so scales as different as EASE weights and popularity counts become comparable) and added with
 * the given weights. Weights are tuned on validation data ({@link Evaluator#evaluateBlends}).
 */
public final class Hybrid implements Recommender {
    private final List<Recommender> components;
    private final List<Double> weights;

    /** What the components are (name and parameters) and their weights. */
    public record Params(List<String> components, List<Double> weights) {
        public Params {
            components = List.copyOf(components);
            weights = List.copyOf(weights);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < components.size(); c++) {
                s.append(c == 0 ? "" : " + ")
                        .append(String.format(Locale.ROOT, "%.2f·", weights.get(c)))
                        .append(components.get(c));
            }
            return s.toString();
        }
    }

    public Hybrid(List<Recommender> components, List<Double> weights) {
        if (components.size() != weights.size() || components.isEmpty()) {
            throw new IllegalArgumentException("one weight per component, at least one component");
        }
        this.components = List.copyOf(components);
        this.weights = List.copyOf(weights);
    }

    @Override
    public String name() {
        return "hybrid";
    }

    @Override
    public Params params() {
        List<String> names = new ArrayList<>();
        for (Recommender r : components) {
            names.add(r.name() + "(" + r.params().toString().replaceFirst("^Params\\[(.*)\\]$", "$1") + ")");
        }
        return new Params(names, weights);
    }

    @Override
    public Model fit(Interactions train) {
        List<Model> models = new ArrayList<>();
        List<Double> used = new ArrayList<>();
        for (int c = 0; c < components.size(); c++) {
            if (weights.get(c) != 0) {
                models.add(components.get(c).fit(train));
                used.add(weights.get(c));
            }
        }
        return blend(models, used);
    }

    /** The blend of already fitted models (all over the same items). */
    public static Model blend(List<Model> models, List<Double> weights) {
        if (models.size() != weights.size() || models.isEmpty()) {
            throw new IllegalArgumentException("one weight per model, at least one model");
        }
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        return new Blend(List.copyOf(models), w);
    }

    /**
     * Standardises scores in place: (s − mean) / sd with mean and sd over the items outside the history (the
     * candidates); all zeros when the candidates' scores do not vary.
     */
    static void standardise(float[] scores, SparseVector history) {
        double sum = 0;
        double squares = 0;
        int count = 0;
        int[] h = history.indices();
        int next = 0;
        for (int j = 0; j < scores.length; j++) {
            if (next < h.length && h[next] == j) {
                next++;
                continue;
            }
            sum += scores[j];
            squares += (double) scores[j] * scores[j];
            count++;
        }
        double mean = count == 0 ? 0 : sum / count;
        double variance = count == 0 ? 0 : squares / count - mean * mean;
        double sd = Math.sqrt(Math.max(variance, 0));
        for (int j = 0; j < scores.length; j++) {
            scores[j] = sd > 0 ? (float) ((scores[j] - mean) / sd) : 0f;
        }
    }

    /** Fitted components and their weights. */
    private static final class Blend implements Model {
        private final List<Model> models;
        private final double[] weights;

        Blend(List<Model> models, double[] weights) {
            this.models = models;
            this.weights = weights;
        }

        @Override
        public int itemCount() {
            return models.get(0).itemCount();
        }

        @Override
        public void score(SparseVector history, float[] out) {
            int n = itemCount();
            Arrays.fill(out, 0, n, 0f);
            float[] part = new float[n];
            for (int c = 0; c < models.size(); c++) {
                models.get(c).score(history, part);
                standardise(part, history);
                float w = (float) weights[c];
                for (int j = 0; j < n; j++) {
                    out[j] += w * part[j];
                }
            }
        }

        @Override
        public Explanation explain(SparseVector history, int item) {
            float[] part = new float[itemCount()];
            int best = -1;
            double bestShare = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < models.size(); c++) {
                models.get(c).score(history, part);
                standardise(part, history);
                double share = weights[c] * part[item];
                if (share > bestShare) {
                    bestShare = share;
                    best = c;
                }
            }
            Explanation top = models.get(best).explain(history, item);
            if (top.reason() == Explanation.Reason.NONE) { // another component may still point at a history item
                for (Model m : models) {
                    Explanation e = m.explain(history, item);
                    if (e.reason() == Explanation.Reason.HISTORY_ITEM) {
                        return e;
                    }
                }
            }
            return top;
        }
    }
}
