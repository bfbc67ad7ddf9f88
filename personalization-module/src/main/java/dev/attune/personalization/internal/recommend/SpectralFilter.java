package dev.attune.personalization.internal.recommend;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * An ideal low-pass graph filter over items (the "ideal low-pass" half of GF-CF: Shen et al., "How Powerful is Graph
 * Convolution for Recommendation?", CIKM 2021), with the item normalisation as a parameter. With X the interactions,
 * D_u each person's total weight and D_i each item's, the normalised matrix is X̃ = D_u^(-1/2) X D_i^(-a) (a =
 * {@code itemExponent}; GF-CF uses 0.5); V holds the {@code factors} leading eigenvectors of X̃ᵀX̃ (the leading
 * right singular vectors of X̃), and a history h scores
 * <pre>  s = h · D_i^(-a) V Vᵀ D_i^(a)</pre>
 * i.e. the history, popular items damped, projected onto the smoothest item signals of the normalised co-occurrence
 * graph, popularity given back. Everything above the cut-off is kept with weight 1 and everything below dropped (an
 * ideal filter), unlike matrix factorisation, which shrinks each direction; in a blend with DLAE and iALS this adds a
 * little on MovieLens (see {@link OfflineStudy}).
 *
 * <p>Fitting never forms the item × item matrix: V comes from block subspace iteration on X̃ᵀX̃ applied through the
 * sparse X̃ (2·interactions·(k + oversampling) operations per step, {@value #ITERATIONS} steps from a fixed random start,
 * then a Rayleigh-Ritz step), so it is deterministic and cheap, and the model keeps n × k factors only: it scales to
 * catalogues where EASE's dense n × n inverse does not. Scoring is O(|h|·k + n·k); the explanation splits the score
 * exactly over the history items: item i adds h_i d_i^(-a) (v_i · v_j) d_j^(a) to item j.
 */
public final class SpectralFilter implements Recommender {
    /** Subspace iteration steps: on MovieLens 100k, 40 give the exact eigendecomposition's metrics to four digits. */
    static final int ITERATIONS = 40;

    private static final long START_SEED = 42;

    private final Params params;

    /** {@code factors}: the cut-off k; {@code itemExponent}: a in D_i^(-a) (0 = no item normalisation). */
    public record Params(int factors, double itemExponent) {
        public Params {
            if (factors < 1 || !(itemExponent >= 0 && itemExponent <= 1)) {
                throw new IllegalArgumentException("factors >= 1 and 0 <= itemExponent <= 1 required");
            }
        }
    }

    public SpectralFilter(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "spectral";
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Model fit(Interactions train) {
        int n = train.itemCount();
        double[] totals = train.itemTotals();
        double[] in = new double[n]; // d_i^(-a), 0 for items nobody interacted with
        float[] out = new float[n]; // d_i^(a)
        for (int i = 0; i < n; i++) {
            if (totals[i] > 0) {
                in[i] = Math.pow(totals[i], -params.itemExponent());
                out[i] = (float) Math.pow(totals[i], params.itemExponent());
            }
        }
        int k = Math.min(params.factors(), n);
        if (train.size() == 0 || k == 0) {
            return new Filter(n, 0, new float[0], in, out);
        }
        Normalised x = new Normalised(train, in);
        DMatrixRMaj v = leadingEigenvectors(x, n, k);
        float[] factors = new float[n * k];
        for (int p = 0; p < factors.length; p++) {
            factors[p] = (float) v.data[p];
        }
        return new Filter(n, k, factors, in, out);
    }

    /** X̃ = D_u^(-1/2) X D_i^(-a) as sparse rows, and the products with it the iteration needs. */
    private static final class Normalised {
        final Interactions x;
        final float[] values; // X̃'s entries in x's order

        Normalised(Interactions x, double[] in) {
            this.x = x;
            this.values = new float[x.size()];
            for (int u = 0; u < x.userCount(); u++) {
                double total = 0;
                for (int p = x.start(u); p < x.end(u); p++) {
                    total += x.weight(p);
                }
                double scale = total > 0 ? 1 / Math.sqrt(total) : 0;
                for (int p = x.start(u); p < x.end(u); p++) {
                    values[p] = (float) (x.weight(p) * scale * in[x.item(p)]);
                }
            }
        }

        /** X̃ q (users × m) for q items × m. */
        DMatrixRMaj times(DMatrixRMaj q) {
            int m = q.numCols;
            DMatrixRMaj t = new DMatrixRMaj(x.userCount(), m);
            for (int u = 0; u < x.userCount(); u++) {
                int row = u * m;
                for (int p = x.start(u); p < x.end(u); p++) {
                    double a = values[p];
                    int from = x.item(p) * m;
                    for (int c = 0; c < m; c++) {
                        t.data[row + c] += a * q.data[from + c];
                    }
                }
            }
            return t;
        }

        /** X̃ᵀX̃ q (items × m). */
        DMatrixRMaj gramTimes(DMatrixRMaj q) {
            int m = q.numCols;
            DMatrixRMaj t = times(q);
            DMatrixRMaj z = new DMatrixRMaj(q.numRows, m);
            for (int u = 0; u < x.userCount(); u++) {
                int row = u * m;
                for (int p = x.start(u); p < x.end(u); p++) {
                    double a = values[p];
                    int to = x.item(p) * m;
                    for (int c = 0; c < m; c++) {
                        z.data[to + c] += a * t.data[row + c];
                    }
                }
            }
            return z;
        }
    }

    /** The k leading eigenvectors of X̃ᵀX̃ as the columns of an n × k matrix, by subspace iteration + Rayleigh-Ritz. */
    private static DMatrixRMaj leadingEigenvectors(Normalised x, int n, int k) {
        int m = Math.min(n, k + Math.max(8, k / 2)); // oversampling speeds up convergence of the k-th direction
        Random random = new Random(START_SEED);
        DMatrixRMaj q = new DMatrixRMaj(n, m);
        for (int p = 0; p < q.data.length; p++) {
            q.data[p] = random.nextGaussian();
        }
        orthonormalise(q, random);
        for (int step = 0; step < ITERATIONS; step++) {
            q = x.gramTimes(q);
            orthonormalise(q, random);
        }
        DMatrixRMaj t = x.times(q); // Qᵀ X̃ᵀX̃ Q = (X̃Q)ᵀ(X̃Q)
        DMatrixRMaj h = new DMatrixRMaj(m, m);
        CommonOps_DDRM.multTransA(t, t, h);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(h)) {
            throw new IllegalStateException("Rayleigh-Ritz eigendecomposition failed");
        }
        Integer[] order = new Integer[m];
        for (int c = 0; c < m; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        DMatrixRMaj u = new DMatrixRMaj(m, k);
        for (int c = 0; c < k; c++) {
            DMatrixRMaj vector = eig.getEigenVector(order[c]);
            for (int r = 0; r < m; r++) {
                u.set(r, c, vector == null ? 0 : vector.get(r));
            }
        }
        DMatrixRMaj v = new DMatrixRMaj(n, k);
        CommonOps_DDRM.mult(q, u, v);
        return v;
    }

    /**
     * Makes the columns of q orthonormal in place (modified Gram-Schmidt, twice over for accuracy); a column that
     * depends on the ones before it (when the block is wider than X̃'s rank) is replaced by a random one orthogonal to
     * them, which the Rayleigh-Ritz step then ranks last.
     */
    static void orthonormalise(DMatrixRMaj q, Random random) {
        int n = q.numRows;
        int m = q.numCols;
        double[] a = q.data;
        int replaced = 0;
        for (int c = 0; c < m; c++) {
            double before = columnNorm(a, n, m, c);
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < c; p++) {
                    double dot = 0;
                    for (int r = 0; r < n; r++) {
                        dot += a[r * m + p] * a[r * m + c];
                    }
                    for (int r = 0; r < n; r++) {
                        a[r * m + c] -= dot * a[r * m + p];
                    }
                }
            }
            double after = columnNorm(a, n, m, c);
            if (!(after > 1e-10 * before) || after == 0) {
                if (++replaced > 10 * m) {
                    throw new IllegalStateException("no orthonormal basis: are there NaN interaction weights?");
                }
                for (int r = 0; r < n; r++) {
                    a[r * m + c] = random.nextGaussian();
                }
                c--; // orthogonalise the random column instead (it depends on the others with probability 0)
                continue;
            }
            for (int r = 0; r < n; r++) {
                a[r * m + c] /= after;
            }
        }
    }

    private static double columnNorm(double[] a, int n, int m, int c) {
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += a[r * m + c] * a[r * m + c];
        }
        return Math.sqrt(sum);
    }

    /** The fitted filter: n × k factors and the two item scalings. */
    private static final class Filter implements Model {
        private final int items;
        private final int k;
        private final float[] v; // items × k, row-major
        private final double[] in;
        private final float[] out;

        Filter(int items, int k, float[] v, double[] in, float[] out) {
            this.items = items;
            this.k = k;
            this.v = v;
            this.in = in;
            this.out = out;
        }

        @Override
        public int itemCount() {
            return items;
        }

        @Override
        public void score(SparseVector history, float[] scores) {
            double[] projected = new double[k]; // Vᵀ D_i^(-a) hᵀ
            int[] h = history.indices();
            for (int m = 0; m < h.length; m++) {
                int i = h[m];
                if (i < 0 || i >= items || in[i] == 0) {
                    continue; // an item the model has not seen
                }
                double w = history.values()[m] * in[i];
                for (int c = 0; c < k; c++) {
                    projected[c] += w * v[i * k + c];
                }
            }
            for (int j = 0; j < items; j++) {
                double s = 0;
                int base = j * k;
                for (int c = 0; c < k; c++) {
                    s += v[base + c] * projected[c];
                }
                scores[j] = (float) (out[j] * s);
            }
        }

        @Override
        public Explanation explain(SparseVector history, int item) {
            int best = -1;
            double bestContribution = 0;
            for (int m = 0; m < history.size(); m++) {
                int i = history.indices()[m];
                if (i == item || i < 0 || i >= items || in[i] == 0) {
                    continue;
                }
                double dot = 0;
                for (int c = 0; c < k; c++) {
                    dot += v[i * k + c] * v[item * k + c];
                }
                double contribution = history.values()[m] * in[i] * dot * out[item];
                if (contribution > bestContribution) {
                    bestContribution = contribution;
                    best = i;
                }
            }
            return best < 0 ? Explanation.none(item) : Explanation.because(item, best, bestContribution);
        }
    }
}
