package dev.attune.personalization.internal.recommend;

import org.ejml.data.DMatrixRMaj;

/**
 * The item Gram matrix XᵀX of an interaction matrix, summed row by row from the sparse rows (Σ_u x_uᵀx_u costs
 * Σ_u |row u|², far less than a dense product for sparse data). Dense n × n doubles: fine for catalogues up to a few
 * thousand items.
 */
final class Cooccurrence {
    private Cooccurrence() {}

    static DMatrixRMaj gram(Interactions x) {
        int n = x.itemCount();
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        double[] data = g.data;
        for (int u = 0; u < x.userCount(); u++) {
            int start = x.start(u);
            int end = x.end(u);
            for (int a = start; a < end; a++) {
                int i = x.item(a);
                double wi = x.weight(a);
                int base = i * n;
                for (int b = start; b < end; b++) {
                    data[base + x.item(b)] += wi * x.weight(b);
                }
            }
        }
        return g;
    }

    /**
     * The Gram matrix with each pair of one person's interactions weighted (1 − share) + share·exp(−√(|Δt| / seconds))
     * (times of {@code x} required); weights of the interactions are multiplied in as in {@link #gram}. The stretched
     * exponential is a positive definite kernel (exp(−|x|^a), 0 &lt; a ≤ 2) with a heavier tail than exp(−|Δt|/τ): pairs
     * a few minutes apart count almost fully, pairs an hour apart still count some.
     */
    static DMatrixRMaj sessionGram(Interactions x, double seconds, double share) {
        int n = x.itemCount();
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        double[] data = g.data;
        for (int u = 0; u < x.userCount(); u++) {
            int start = x.start(u);
            int end = x.end(u);
            for (int a = start; a < end; a++) {
                double wi = x.weight(a);
                long ti = x.time(a);
                int base = x.item(a) * n;
                for (int b = start; b < end; b++) {
                    double kernel = (1 - share) + share * Math.exp(-Math.sqrt(Math.abs(ti - x.time(b)) / seconds));
                    data[base + x.item(b)] += wi * x.weight(b) * kernel;
                }
            }
        }
        return g;
    }
}
