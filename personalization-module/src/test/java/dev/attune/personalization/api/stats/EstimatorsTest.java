package dev.attune.personalization.api.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ratio metrics, Thompson sampling's chances and off-policy estimates, each against what it must equal. */
class EstimatorsTest {

    @Test
    void a_ratio_metrics_delta_method_error_matches_the_bootstrap() {
        Random random = new Random(7);
        int n = 3000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextInt(5); // orders per unit
            y[i] = x[i] * (20 + 5 * random.nextGaussian()) + (x[i] > 0 ? 10 * random.nextDouble() : 0); // revenue
        }
        Sample ratio = Statistics.ratio(sums(x, y, null));
        double sy = 0;
        double sx = 0;
        for (int i = 0; i < n; i++) {
            sy += y[i];
            sx += x[i];
        }
        assertThat(ratio.mean()).isCloseTo(sy / sx, within(1e-9));
        double[] boot = new double[400];
        for (int b = 0; b < boot.length; b++) {
            double by = 0;
            double bx = 0;
            for (int i = 0; i < n; i++) {
                int j = random.nextInt(n);
                by += y[j];
                bx += x[j];
            }
            boot[b] = by / bx;
        }
        double mean = Arrays.stream(boot).average().orElseThrow();
        double bootSe =
                Math.sqrt(Arrays.stream(boot).map(v -> (v - mean) * (v - mean)).sum() / (boot.length - 1));
        double deltaSe = Math.sqrt(ratio.variance() / ratio.n());
        assertThat(deltaSe / bootSe).isBetween(0.85, 1.15);
    }

    private static Statistics.Covariate sums(double[] x, double[] y, int[] pick) {
        long n = x.length;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            syy += y[i] * y[i];
            sxy += x[i] * y[i];
        }
        return new Statistics.Covariate(n, sy, syy, sx, sxx, sxy);
    }

    @Test
    void thompson_chances_favour_a_clearly_better_arm_and_split_equal_ones() {
        double[] clear = Statistics.chanceToBeBest(
                new Sample[] {Sample.proportion(100, 1000), Sample.proportion(150, 1000)}, false, 20_000, 1);
        assertThat(clear[1]).isGreaterThan(0.99);
        assertThat(clear[0] + clear[1]).isCloseTo(1, within(1e-9));
        double[] equal = Statistics.chanceToBeBest(
                new Sample[] {Sample.proportion(100, 1000), Sample.proportion(100, 1000)}, false, 20_000, 1);
        assertThat(equal[0]).isBetween(0.46, 0.54);
        double[] lower = Statistics.chanceToBeBest(
                new Sample[] {Sample.mean(5000, 28_996, 1000), Sample.mean(4000, 19_996, 1000)}, true, 20_000, 1);
        assertThat(lower[1]).as("lower is better: the arm with the lower mean").isGreaterThan(0.99);
    }

    @Test
    void off_policy_estimates_recover_a_target_policys_reward_from_uniform_logs() {
        Random random = new Random(3);
        int n = 20_000;
        double[] reward = new double[n];
        double[] logging = new double[n];
        double[] target = new double[n];
        double[] ctr = {0.02, 0.05, 0.10, 0.04}; // four items shown uniformly; the target policy always shows item 2
        for (int i = 0; i < n; i++) {
            int shown = random.nextInt(4);
            reward[i] = random.nextDouble() < ctr[shown] ? 1 : 0;
            logging[i] = 0.25;
            target[i] = shown == 2 ? 1 : 0;
        }
        Statistics.OffPolicy est = Statistics.offPolicy(reward, logging, target);
        assertThat(est.ips()).isCloseTo(0.10, within(3 * est.ipsStandardError()));
        assertThat(est.snips()).isCloseTo(0.10, within(0.01));
        assertThat(est.effectiveSampleSize()).isBetween(n / 4.0 * 0.95, n / 4.0 * 1.05);
    }
}
