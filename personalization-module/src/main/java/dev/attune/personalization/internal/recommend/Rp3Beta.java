package dev.attune.personalization.internal.recommend;

/**
 * RP3beta (Paudel et al., "Updatable, accurate, diverse, and scalable recommendations for interactive applications",
 * TiiS 2017; as in Dacrema et al. 2019): a three-step random walk item → user → item on the bipartite graph with
 * transition probabilities raised to α, the arrival item's weight divided by its popularity^β, and each item keeping
 * its k strongest successors: W[i][j] = Σ_u (x_ui/deg_i)^α (x_uj/deg_u)^α / deg_j^β. No matrix inverse: cheap.
 */
public final class Rp3Beta implements Recommender {
    private final Params params;

    public record Params(double alpha, double beta, int neighbours) {
        public Params {
            if (!(alpha > 0) || !(beta >= 0) || neighbours < 1) {
                throw new IllegalArgumentException("alpha > 0, beta >= 0 and neighbours >= 1 required");
            }
        }
    }

    public Rp3Beta(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "rp3beta";
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Model fit(Interactions train) {
        int n = train.itemCount();
        double[] itemDegree = train.itemTotals();
        float[] w = new float[n * n];
        double alpha = params.alpha();
        for (int u = 0; u < train.userCount(); u++) {
            int start = train.start(u);
            int end = train.end(u);
            double userDegree = 0;
            for (int a = start; a < end; a++) {
                userDegree += train.weight(a);
            }
            float[] second = new float[end - start]; // user u → item j
            for (int b = start; b < end; b++) {
                second[b - start] = (float) Math.pow(train.weight(b) / userDegree, alpha);
            }
            for (int a = start; a < end; a++) {
                int i = train.item(a);
                float first = (float) Math.pow(train.weight(a) / itemDegree[i], alpha); // item i → user u
                int base = i * n;
                for (int b = start; b < end; b++) {
                    w[base + train.item(b)] += first * second[b - start];
                }
            }
        }
        float[] popularityPenalty = new float[n];
        for (int j = 0; j < n; j++) {
            popularityPenalty[j] = itemDegree[j] > 0 ? (float) Math.pow(itemDegree[j], -params.beta()) : 0f;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i * n + j] *= popularityPenalty[j];
            }
        }
        return ItemItemModel.topKRows(n, w, params.neighbours());
    }
}
