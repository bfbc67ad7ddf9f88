package dev.attune.personalization.api.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attune.personalization.api.stats.Results.Difference;
import dev.attune.personalization.api.stats.Results.Sided;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the reference cases do not cover: corrections, sample ratio, CUPED, power, and validity under peeking. */
class StatisticsTest {

    @Test
    void holm_and_benjamini_hochberg_match_rs_p_adjust() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        assertThat(Statistics.holm(p)).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
        assertThat(Statistics.benjaminiHochberg(p))
                .containsExactly(new double[] {0.02, 0.04, 0.04, 0.02}, within(1e-12));
    }

    @Test
    void sample_ratio_mismatch_is_flagged_below_one_in_a_thousand() {
        assertThat(Statistics.sampleRatio(new long[] {5000, 5000}, new double[] {50, 50})
                        .pValue())
                .isCloseTo(1, within(1e-12));
        Results.SampleRatio slight = Statistics.sampleRatio(new long[] {5000, 5250}, new double[] {50, 50});
        assertThat(slight.chiSquare()).isCloseTo(6.0976, within(1e-4));
        assertThat(slight.mismatch()).isFalse();
        Results.SampleRatio broken = Statistics.sampleRatio(new long[] {5000, 5400}, new double[] {50, 50});
        assertThat(broken.chiSquare()).isCloseTo(15.3846, within(1e-4));
        assertThat(broken.pValue()).isCloseTo(8.77e-5, within(1e-6));
        assertThat(broken.mismatch()).isTrue();
        assertThat(Statistics.sampleRatio(new long[] {9000, 1000}, new double[] {90, 10})
                        .mismatch())
                .isFalse();
    }

    @Test
    void power_and_sample_size_agree() {
        long n = Statistics.sampleSize(0.01, 0.2244, 0.05, 0.8);
        assertThat(Statistics.power(0.01, 0.2244, 0.05, n, n)).isCloseTo(0.8, within(0.001));
    }

    @Test
    void cuped_keeps_the_effect_and_removes_the_variance_the_covariate_explains() {
        Random random = new Random(7);
        double[][] sums = new double[2][6];
        for (int v = 0; v < 2; v++) {
            for (int i = 0; i < 20_000; i++) {
                double x = 10 + 3 * random.nextGaussian(); // last month's spend
                double y = x + random.nextGaussian() + (v == 1 ? 0.04 : 0); // this month's, with a 0.04 effect
                double[] s = sums[v];
                s[0]++;
                s[1] += y;
                s[2] += y * y;
                s[3] += x;
                s[4] += x * x;
                s[5] += x * y;
            }
        }
        Statistics.Covariate c =
                new Statistics.Covariate((long) sums[0][0], sums[0][1], sums[0][2], sums[0][3], sums[0][4], sums[0][5]);
        Statistics.Covariate t =
                new Statistics.Covariate((long) sums[1][0], sums[1][1], sums[1][2], sums[1][3], sums[1][4], sums[1][5]);
        Results.Frequentist plain = Statistics.welch(
                Sample.mean(c.sumY(), c.sumY2(), c.n()),
                Sample.mean(t.sumY(), t.sumY2(), t.n()),
                Difference.ABSOLUTE,
                0.05,
                Sided.TWO_SIDED);
        Sample[] adjusted = Statistics.cuped(c, t);
        Results.Frequentist cuped =
                Statistics.welch(adjusted[0], adjusted[1], Difference.ABSOLUTE, 0.05, Sided.TWO_SIDED);

        assertThat(cuped.estimate()).isCloseTo(0.04, within(0.02));
        assertThat(cuped.standardError()).isLessThan(plain.standardError() / 2.5); // 1 - R² = 1/10: se shrinks ~3.2x
        assertThat(cuped.significant(0.05)).isTrue();
    }

    @Test
    void peeking_after_every_batch_inflates_the_fixed_test_but_not_the_sequential_one() {
        Random random = new Random(20261123);
        int runs = 400;
        int fixedFalsePositives = 0;
        int sequentialFalsePositives = 0;
        for (int run = 0; run < runs; run++) {
            double[] c = new double[3];
            double[] t = new double[3];
            boolean fixed = false;
            boolean sequential = false;
            for (int peek = 0; peek < 20; peek++) {
                for (int i = 0; i < 100; i++) {
                    add(c, random.nextGaussian());
                    add(t, random.nextGaussian()); // A/A: no effect
                }
                Sample sc = Sample.mean(c[1], c[2], (long) c[0]);
                Sample st = Sample.mean(t[1], t[2], (long) t[0]);
                fixed |= Statistics.welch(sc, st, Difference.ABSOLUTE, 0.05, Sided.TWO_SIDED)
                        .significant(0.05);
                sequential |= !Statistics.sequential(sc, st, Difference.ABSOLUTE, 0.05, Sided.TWO_SIDED, 4000)
                        .interval()
                        .contains(0);
            }
            fixedFalsePositives += fixed ? 1 : 0;
            sequentialFalsePositives += sequential ? 1 : 0;
        }
        assertThat(fixedFalsePositives / (double) runs)
                .as("fixed-horizon test peeked 20 times")
                .isGreaterThan(0.12);
        assertThat(sequentialFalsePositives / (double) runs)
                .as("always-valid interval peeked 20 times")
                .isLessThanOrEqualTo(0.05);
    }

    @Test
    void bayesian_chance_to_win_follows_the_evidence_and_a_prior_shrinks_it() {
        Sample control = Sample.proportion(400, 4000);
        Sample treatment = Sample.proportion(460, 4000);
        Results.Bayesian flat = Statistics.bayesian(control, treatment, Difference.RELATIVE, 0.05, null, null);
        Results.Bayesian skeptical = Statistics.bayesian(control, treatment, Difference.RELATIVE, 0.05, 0.0, 0.0025);
        assertThat(flat.chanceToWin()).isGreaterThan(0.97);
        assertThat(skeptical.estimate()).isBetween(0.0, flat.estimate());
        assertThat(skeptical.riskOfTreatment()).isLessThan(skeptical.riskOfControl());
    }

    private static void add(double[] s, double x) {
        s[0]++;
        s[1] += x;
        s[2] += x * x;
    }
}
