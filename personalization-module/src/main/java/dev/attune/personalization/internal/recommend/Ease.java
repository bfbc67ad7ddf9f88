package dev.attune.personalization.internal.recommend;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019) and two variants, all one n × n
 * inverse P = (G + Λ)⁻¹ of the item Gram matrix G (Cholesky, EJML: about a second for 1,682 items; B is kept dense,
 * n² floats):
 * <ul>
 *   <li>{@code dropout} = 0: EASE, Λ = λI and a zero diagonal, B = I − P·diag(1 ⊘ diag(P));
 *   <li>{@code dropout} p > 0: DLAE, the closed form of a linear autoencoder trained with input dropout p (Steck,
 *       "Autoencoders that don't overfit towards the identity", NeurIPS 2020): Λ = λI + p/(1−p)·diag(G),
 *       B = (G + Λ)⁻¹G = I − PΛ; the penalty grows with an item's popularity and replaces the zero-diagonal
 *       constraint;
 *   <li>{@code sessionShare} m > 0 (timed interactions only): G counts a pair of one person's interactions
 *       (1 − m) + m·exp(−√(|Δt| / {@code sessionSeconds})) instead of 1, so items consumed in the same session weigh
 *       more than items the same person consumed months apart (on MovieLens, where half of consecutive ratings share
 *       their second, this is worth 1-3% NDCG). Still a positive semi-definite Gram (per person a mixture of the
 *       all-ones and a positive definite kernel matrix), and still only training data.
 * </ul>
 * Scoring is history · B, so a changed history is re-scored without refitting.
 */
public final class Ease implements Recommender {
    private final Params params;

    public record Params(double lambda, double dropout, double sessionSeconds, double sessionShare) {
        public Params {
            if (!(lambda > 0)
                    || !(dropout >= 0 && dropout < 1)
                    || !(sessionShare >= 0 && sessionShare <= 1)
                    || (sessionShare > 0 && !(sessionSeconds > 0))) {
                throw new IllegalArgumentException(
                        "lambda > 0, 0 <= dropout < 1, 0 <= sessionShare <= 1 and sessionSeconds > 0 with a share required");
            }
        }

        /** Plain EASE. */
        public static Params ease(double lambda) {
            return new Params(lambda, 0, 0, 0);
        }

        /** DLAE with dropout p. */
        public static Params dlae(double lambda, double dropout) {
            return new Params(lambda, dropout, 0, 0);
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder("lambda=").append(fmt(lambda));
            if (dropout > 0) {
                s.append(" dropout=").append(fmt(dropout));
            }
            if (sessionShare > 0) {
                s.append(" session=")
                        .append(fmt(sessionSeconds))
                        .append("s share=")
                        .append(fmt(sessionShare));
            }
            return s.toString();
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    public Ease(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return (params.sessionShare() > 0 ? "session-" : "") + (params.dropout() > 0 ? "dlae" : "ease");
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Model fit(Interactions train) {
        int n = train.itemCount();
        DMatrixRMaj g = params.sessionShare() > 0 && train.timed()
                ? Cooccurrence.sessionGram(train, params.sessionSeconds(), params.sessionShare())
                : Cooccurrence.gram(train);
        double odds = params.dropout() / (1 - params.dropout());
        double[] penalty = new double[n]; // diagonal of Λ
        for (int i = 0; i < n; i++) {
            penalty[i] = params.lambda() + odds * g.get(i, i);
            g.add(i, i, penalty[i]);
        }
        DMatrixRMaj p = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invertSPD(g, p)) {
            throw new IllegalStateException("G + Λ is not positive definite");
        }
        g = null; // 8n² bytes free before B is built
        float[] b = new float[n * n];
        boolean dlae = params.dropout() > 0;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                double pij = p.data[row + j];
                b[row + j] = dlae
                        ? (float) ((i == j ? 1 : 0) - pij * penalty[j])
                        : i == j ? 0f : (float) (-pij / p.data[j * n + j]);
            }
        }
        return ItemItemModel.dense(n, b);
    }
}
