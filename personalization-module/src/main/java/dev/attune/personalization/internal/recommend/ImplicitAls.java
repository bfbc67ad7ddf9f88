package dev.attune.personalization.internal.recommend;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Implicit-feedback matrix factorisation by alternating least squares (Hu, Koren, Volinsky, ICDM 2008): preference 1
 * for every interaction, 0 elsewhere, confidence 1 + α·weight; each half-step solves every user's (item's) factors
 * exactly, (YᵀY + Yᵀ(Cᵤ − I)Y + λI) xᵤ = YᵀCᵤ p(u), with a Cholesky solve (EJML). The model keeps only the item factors
 * and YᵀY: a person is folded in from the history by that same solve, so a changed history is scored without refitting,
 * and the score of item j splits exactly over the history items (Hu et al.'s explanation):
 * ŝ_j = Σ_i y_jᵀ Wᵤ y_i c_i with Wᵤ the inverse above.
 */
public final class ImplicitAls implements Recommender {
    private final Params params;

    public record Params(int factors, double lambda, double alpha, int iterations, long seed) {
        public Params {
            if (factors < 1 || !(lambda > 0) || !(alpha >= 0) || iterations < 1) {
                throw new IllegalArgumentException("factors >= 1, lambda > 0, alpha >= 0, iterations >= 1 required");
            }
        }
    }

    public ImplicitAls(Params params) {
        this.params = params;
    }

    @Override
    public String name() {
        return "ials";
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public Model fit(Interactions train) {
        int f = params.factors();
        Interactions byItem = train.transpose();
        Random random = new Random(params.seed());
        DMatrixRMaj users = new DMatrixRMaj(train.userCount(), f);
        DMatrixRMaj items = new DMatrixRMaj(train.itemCount(), f);
        for (int k = 0; k < items.data.length; k++) {
            items.data[k] = random.nextGaussian() * 0.01;
        }
        Solver solver = new Solver(f, params.lambda(), params.alpha());
        for (int iteration = 0; iteration < params.iterations(); iteration++) {
            solver.solveAll(train, items, users);
            solver.solveAll(byItem, users, items);
        }
        DMatrixRMaj gram = new DMatrixRMaj(f, f);
        CommonOps_DDRM.multInner(items, gram);
        return new Factors(train.itemCount(), f, items.data, gram, params.lambda(), params.alpha());
    }

    /** The least-squares solve of one side given the other (not thread-safe: one per thread). */
    private static final class Solver {
        private final int f;
        private final double lambda;
        private final double alpha;
        private final DMatrixRMaj a;
        private final DMatrixRMaj b;
        private final DMatrixRMaj x;
        private final DMatrixRMaj gram;
        private final LinearSolverDense<DMatrixRMaj> cholesky;
        private DMatrixRMaj rows = new DMatrixRMaj(1, 1);

        Solver(int f, double lambda, double alpha) {
            this.f = f;
            this.lambda = lambda;
            this.alpha = alpha;
            this.a = new DMatrixRMaj(f, f);
            this.b = new DMatrixRMaj(f, 1);
            this.x = new DMatrixRMaj(f, 1);
            this.gram = new DMatrixRMaj(f, f);
            this.cholesky = LinearSolverFactory_DDRM.symmPosDef(f);
        }

        /** Every row of {@code target} from the rows of {@code fixed} its interactions point at. */
        void solveAll(Interactions x, DMatrixRMaj fixed, DMatrixRMaj target) {
            CommonOps_DDRM.multInner(fixed, gram);
            for (int r = 0; r < x.userCount(); r++) {
                int start = x.start(r);
                int n = x.end(r) - start;
                int[] cols = new int[n];
                float[] w = new float[n];
                for (int k = 0; k < n; k++) {
                    cols[k] = x.item(start + k);
                    w[k] = x.weight(start + k);
                }
                solve(cols, w, fixed.data, gram);
                System.arraycopy(this.x.data, 0, target.data, r * f, f);
            }
        }

        /** Solves (G + Σ α wₖ yₖyₖᵀ + λI) x = Σ (1 + α wₖ) yₖ into {@link #x}; returns false if not solvable. */
        boolean solve(int[] cols, float[] w, double[] fixed, DMatrixRMaj g) {
            int n = cols.length;
            if (rows.numRows != n || rows.numCols != f) {
                rows = new DMatrixRMaj(n, f);
            }
            b.zero();
            for (int k = 0; k < n; k++) {
                double scale = Math.sqrt(alpha * w[k]);
                int from = cols[k] * f;
                for (int c = 0; c < f; c++) {
                    double v = fixed[from + c];
                    rows.data[k * f + c] = scale * v;
                    b.data[c] += (1 + alpha * w[k]) * v;
                }
            }
            a.setTo(g);
            for (int c = 0; c < f; c++) {
                a.add(c, c, lambda);
            }
            if (n > 0) {
                CommonOps_DDRM.multAddTransA(rows, rows, a);
            }
            if (!cholesky.setA(a)) {
                x.zero();
                return false;
            }
            cholesky.solve(b, x);
            return true;
        }
    }

    /** The fitted item factors; each call folds the person in from the history. */
    private static final class Factors implements Model {
        private final int items;
        private final int f;
        private final double[] y; // items × f, row-major
        private final DMatrixRMaj gram; // YᵀY
        private final double alpha;
        private final ThreadLocal<Solver> solvers;

        Factors(int items, int f, double[] y, DMatrixRMaj gram, double lambda, double alpha) {
            this.items = items;
            this.f = f;
            this.y = y;
            this.gram = gram;
            this.alpha = alpha;
            this.solvers = ThreadLocal.withInitial(() -> new Solver(f, lambda, alpha));
        }

        @Override
        public int itemCount() {
            return items;
        }

        /** The history without items the model has not seen (they carry no factors). */
        private SparseVector known(SparseVector history) {
            int[] cols = history.indices();
            int known = 0;
            for (int c : cols) {
                known += c >= 0 && c < items ? 1 : 0;
            }
            if (known == cols.length) {
                return history;
            }
            int[] kc = new int[known];
            float[] kw = new float[known];
            for (int k = 0, m = 0; k < cols.length; k++) {
                if (cols[k] >= 0 && cols[k] < items) {
                    kc[m] = cols[k];
                    kw[m++] = history.values()[k];
                }
            }
            return new SparseVector(kc, kw);
        }

        /** The person's factors from the history (zeros for an empty history). */
        private double[] foldIn(SparseVector history) {
            SparseVector h = known(history);
            if (h.size() == 0) {
                return new double[f];
            }
            Solver solver = solvers.get();
            solver.solve(h.indices(), h.values(), y, gram);
            return solver.x.data.clone();
        }

        @Override
        public void score(SparseVector history, float[] out) {
            double[] user = foldIn(history);
            for (int j = 0; j < items; j++) {
                double s = 0;
                int base = j * f;
                for (int c = 0; c < f; c++) {
                    s += y[base + c] * user[c];
                }
                out[j] = (float) s;
            }
        }

        @Override
        public Explanation explain(SparseVector history, int item) {
            // ŝ_item = y_itemᵀ W Σ_i c_i y_i with W = (YᵀCY + λI)⁻¹ symmetric: history item i adds c_i (W y_item)·y_i
            SparseVector h = known(history);
            if (h.size() == 0) {
                return Explanation.none(item);
            }
            Solver solver = solvers.get();
            solver.solve(h.indices(), h.values(), y, gram); // factorises the person's system
            DMatrixRMaj target = new DMatrixRMaj(f, 1);
            System.arraycopy(y, item * f, target.data, 0, f);
            DMatrixRMaj wy = new DMatrixRMaj(f, 1);
            solver.cholesky.solve(target, wy);
            int best = -1;
            double bestContribution = 0;
            for (int m = 0; m < h.size(); m++) {
                int i = h.indices()[m];
                if (i == item) {
                    continue;
                }
                double dot = 0;
                for (int c = 0; c < f; c++) {
                    dot += wy.data[c] * y[i * f + c];
                }
                double contribution = (1 + alpha * h.values()[m]) * dot;
                if (contribution > bestContribution) {
                    bestContribution = contribution;
                    best = i;
                }
            }
            return best < 0 ? Explanation.none(item) : Explanation.because(item, best, bestContribution);
        }
    }
}
