package dev.attune.personalization.internal.recommend;

import org.ejml.data.DMatrixRMaj;

/**
 * Item-based k nearest neighbours: cosine similarity of item columns with shrinkage,
 * sim(i, j) = x_i·x_j / (‖x_i‖‖x_j‖ + shrink), keeping for each item j its k most similar items i (as RecBole's
 * ItemKNN); score(j) = Σ_{i in history} h_i · sim(i, j).
 */
public final class ItemKnn implements Recommender {
    private final Params params;

    public record Params(int neighbours, double shrink) {
        public Params {
            if (neighbours < 1 || !(shrink >= 0)) {
                throw new IllegalArgumentException("neighbours >= 1 and shrink >= 0 required");
            }
        }
    }

    public ItemKnn(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "item-knn";
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Model fit(Interactions train) {
        int n = train.itemCount();
        DMatrixRMaj g = Cooccurrence.gram(train);
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = Math.sqrt(g.get(i, i));
        }
        int k = Math.min(params.neighbours(), n);
        int[] sources = new int[n * k];
        int[] targets = new int[n * k];
        float[] values = new float[n * k];
        int size = 0;
        float[] column = new float[n];
        for (int j = 0; j < n; j++) { // G is symmetric: row j holds the co-occurrences of target j with every i
            for (int i = 0; i < n; i++) {
                double dot = g.data[j * n + i];
                column[i] = i != j && dot > 0 ? (float) (dot / (norms[i] * norms[j] + params.shrink())) : Float.NaN;
            }
            for (int i : TopN.select(column, k, null, null)) {
                sources[size] = i;
                targets[size] = j;
                values[size++] = column[i];
            }
        }
        return ItemItemModel.fromEntries(n, size, sources, targets, values);
    }
}
