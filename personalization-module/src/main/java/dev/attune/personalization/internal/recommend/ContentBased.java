package dev.attune.personalization.internal.recommend;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Content-based: items as TF-IDF vectors of their attributes (e.g. genres), L2-normalised; a person's profile is the
 * weighted sum of the history's vectors and score(j) = item_j · profile (cosine ranking). Scores items nobody has
 * interacted with yet, which collaborative models cannot. The attributes come keyed by external item id; items without
 * attributes score 0.
 */
public final class ContentBased implements Recommender {
    private final Params params;
    private final Map<String, ? extends Collection<String>> attributes;

    /** {@code idf}: weigh rare attributes up by log(items / items with the attribute). */
    public record Params(boolean idf) {}

    public ContentBased(Params params, Map<String, ? extends Collection<String>> attributes) {
        this.params = params;
        this.attributes = Map.copyOf(attributes);
    }

    @Override
    public String name() {
        return "content";
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Model fit(Interactions train) {
        int n = train.itemCount();
        Map<String, Integer> features = new HashMap<>();
        int[][] itemFeatures = new int[n][];
        for (int i = 0; i < n; i++) {
            Collection<String> names = attributes.get(train.items().id(i));
            itemFeatures[i] = names == null
                    ? new int[0]
                    : names.stream()
                            .distinct()
                            .mapToInt(a -> features.computeIfAbsent(a, k -> features.size()))
                            .toArray();
        }
        double[] documentFrequency = new double[features.size()];
        for (int[] fs : itemFeatures) {
            for (int a : fs) {
                documentFrequency[a]++;
            }
        }
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            values[i] = new float[itemFeatures[i].length];
            double norm = 0;
            for (int k = 0; k < itemFeatures[i].length; k++) {
                double v = params.idf() ? Math.log(n / documentFrequency[itemFeatures[i][k]]) : 1;
                values[i][k] = (float) v;
                norm += v * v;
            }
            for (int k = 0; k < values[i].length; k++) {
                values[i][k] = norm > 0 ? (float) (values[i][k] / Math.sqrt(norm)) : 0f;
            }
        }
        return new Vectors(features.size(), itemFeatures, values);
    }

    private record Vectors(int featureCount, int[][] features, float[][] values) implements Model {
        @Override
        public int itemCount() {
            return features.length;
        }

        @Override
        public void score(SparseVector history, float[] out) {
            double[] profile = new double[featureCount];
            for (int k = 0; k < history.size(); k++) {
                int i = history.indices()[k];
                if (i >= 0 && i < features.length) {
                    for (int a = 0; a < features[i].length; a++) {
                        profile[features[i][a]] += history.values()[k] * values[i][a];
                    }
                }
            }
            for (int j = 0; j < features.length; j++) {
                double s = 0;
                for (int a = 0; a < features[j].length; a++) {
                    s += values[j][a] * profile[features[j][a]];
                }
                out[j] = (float) s;
            }
        }

        private double similarity(int i, int j) {
            double s = 0;
            for (int a = 0; a < features[i].length; a++) {
                for (int b = 0; b < features[j].length; b++) {
                    if (features[i][a] == features[j][b]) {
                        s += values[i][a] * values[j][b];
                    }
                }
            }
            return s;
        }

        @Override
        public Explanation explain(SparseVector history, int item) {
            int best = -1;
            double bestContribution = 0;
            for (int k = 0; k < history.size(); k++) {
                int i = history.indices()[k];
                if (i != item && i >= 0 && i < features.length) {
                    double c = history.values()[k] * similarity(i, item);
                    if (c > bestContribution) {
                        bestContribution = c;
                        best = i;
                    }
                }
            }
            return best < 0 ? Explanation.none(item) : Explanation.because(item, best, bestContribution);
        }
    }
}
