package dev.attune.personalization.internal.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

/**
 * The spectral filter against its definition: scores h · D_i^(-a) V Vᵀ D_i^(a), V the leading eigenvectors of
 * X̃ᵀX̃ with X̃ = D_u^(-1/2) X D_i^(-a), computed here densely with EJML's full eigendecomposition.
 */
class SpectralFilterTest {
    /** 90 people in 4 taste groups of 6 items each, 60% of their group's items and now and then any item. */
    private static Interactions groups() {
        Random random = new Random(5);
        Interactions.Builder b = Interactions.builder();
        for (int u = 0; u < 90; u++) {
            int group = u % 4;
            for (int i = 0; i < 24; i++) {
                boolean own = i / 6 == group;
                if (random.nextDouble() < (own ? 0.6 : 0.05)) {
                    b.add("p" + u, "i" + i, 1 + random.nextInt(2)); // some weights 2
                }
            }
        }
        return b.build();
    }

    /** The filter's item × item matrix from a full eigendecomposition (row i: what history item i adds). */
    private static double[][] exact(Interactions x, int k, double a) {
        int n = x.itemCount();
        double[] d = x.itemTotals();
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        for (int u = 0; u < x.userCount(); u++) {
            double total = 0;
            for (int p = x.start(u); p < x.end(u); p++) {
                total += x.weight(p);
            }
            for (int p = x.start(u); p < x.end(u); p++) {
                for (int q = x.start(u); q < x.end(u); q++) {
                    int i = x.item(p);
                    int j = x.item(q);
                    g.add(i, j, x.weight(p) * x.weight(q) / total * Math.pow(d[i], -a) * Math.pow(d[j], -a));
                }
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        assertThat(eig.decompose(g)).isTrue();
        Integer[] order = new Integer[n];
        for (int c = 0; c < n; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (p, q) -> Double.compare(eig.getEigenvalue(q).real, eig.getEigenvalue(p).real));
        double[][] w = new double[n][n];
        for (int c = 0; c < k; c++) {
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    w[i][j] += Math.pow(d[i], -a) * v.get(i) * v.get(j) * Math.pow(d[j], a);
                }
            }
        }
        return w;
    }

    @Test
    void scoresAsTheExactEigendecompositionDoes() {
        Interactions x = groups();
        for (double a : new double[] {0, 0.3}) {
            Model model = new SpectralFilter(new SpectralFilter.Params(4, a)).fit(x);
            double[][] w = exact(x, 4, a);
            for (int u = 0; u < 10; u++) {
                SparseVector h = x.row(u);
                float[] scores = new float[x.itemCount()];
                model.score(h, scores);
                for (int j = 0; j < x.itemCount(); j++) {
                    double expected = 0;
                    for (int m = 0; m < h.size(); m++) {
                        expected += h.values()[m] * w[h.indices()[m]][j];
                    }
                    assertThat((double) scores[j])
                            .as("a=%s person %d item %d", a, u, j)
                            .isCloseTo(expected, within(1e-4));
                }
            }
        }
    }

    @Test
    void ranksTheOwnGroupFirstAndIsDeterministic() {
        Interactions x = groups();
        Model model = new SpectralFilter(new SpectralFilter.Params(4, 0.3)).fit(x);
        SparseVector h =
                SparseVector.ofItems(x.items().indexOf("i12"), x.items().indexOf("i13"));

        assertThat(model.recommend(h, 4))
                .extracting(s -> x.items().id(s.item()))
                .containsExactlyInAnyOrder("i14", "i15", "i16", "i17");
        float[] once = new float[x.itemCount()];
        float[] again = new float[x.itemCount()];
        model.score(h, once);
        new SpectralFilter(new SpectralFilter.Params(4, 0.3)).fit(x).score(h, again);
        assertThat(again).containsExactly(once);
    }

    @Test
    void aSingleHistoryItemExplainsTheWholeScore() {
        Interactions x = groups();
        Model model = new SpectralFilter(new SpectralFilter.Params(4, 0.3)).fit(x);
        int i = x.items().indexOf("i3");
        int j = x.items().indexOf("i4");
        float[] scores = new float[x.itemCount()];
        model.score(SparseVector.ofItems(i), scores);

        Explanation why = model.explain(SparseVector.ofItems(i), j);

        assertThat(scores[j]).isPositive();
        assertThat(why.because()).isEqualTo(i);
        assertThat(why.contribution()).isCloseTo(scores[j], within(1e-4));
    }

    @Test
    void moreFactorsThanItemsAndNoDataAreFine() {
        Interactions x = groups();
        Model all = new SpectralFilter(new SpectralFilter.Params(100, 0.5)).fit(x);
        float[] scores = new float[x.itemCount()];
        all.score(SparseVector.ofItems(2), scores);
        // every direction kept: the filter is the identity on the items (X̃ has full column rank)
        for (int j = 0; j < x.itemCount(); j++) {
            assertThat((double) scores[j]).isCloseTo(j == 2 ? 1 : 0, within(1e-4));
        }

        Interactions empty = Interactions.builder().items(List.of("a", "b")).build();
        Model none = new SpectralFilter(new SpectralFilter.Params(2, 0.5)).fit(empty);
        float[] zeros = new float[2];
        none.score(SparseVector.ofItems(0), zeros);
        assertThat(zeros).containsExactly(0f, 0f);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new SpectralFilter.Params(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpectralFilter.Params(8, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpectralFilter.Params(8, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
