package dev.attune.personalization.api.stats;

import dev.attune.personalization.api.stats.Results.Bayesian;
import dev.attune.personalization.api.stats.Results.Difference;
import dev.attune.personalization.api.stats.Results.Effect;
import dev.attune.personalization.api.stats.Results.Frequentist;
import dev.attune.personalization.api.stats.Results.Interval;
import dev.attune.personalization.api.stats.Results.SampleRatio;
import dev.attune.personalization.api.stats.Results.Sided;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.random.Well19937c;
import org.hipparchus.stat.inference.ChiSquareTest;

/**
 * The experiment statistics engine, as pure functions of sufficient statistics: Welch t-tests (two- and one-sided),
 * always-valid sequential intervals (the asymptotic confidence sequences of Waudby-Smith et al., as GrowthBook uses
 * them), the Bayesian Gaussian-effect model (chance to win, credible interval, expected loss), the two-proportion
 * z-test, power, CUPED, sample-ratio mismatch and multiple-testing corrections. Checked against the reference cases
 * of GrowthBook and Spotify confidence ({@code bench/run abtest-cases}). Distributions come from Hipparchus.
 */
public final class Statistics {
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);
    /** Below this the sample-ratio check raises its alert. */
    public static final double SRM_THRESHOLD = 0.001;

    private Statistics() {}

    /** The effect of treatment over control; relative uses the delta method with zero covariance. */
    public static Effect effect(Sample control, Sample treatment, Difference difference) {
        double mc = control.mean();
        double mt = treatment.mean();
        double vc = control.variance() / control.n();
        double vt = treatment.variance() / treatment.n();
        if (difference == Difference.ABSOLUTE) {
            return new Effect(mt - mc, Math.sqrt(vt + vc));
        }
        double estimate = (mt - mc) / Math.abs(mc);
        double variance = vt / (mc * mc) + vc * mt * mt / Math.pow(mc, 4);
        return new Effect(estimate, Math.sqrt(variance));
    }

    /** Too little data for any statement: an empty variant, a control mean of zero for a relative effect, no variance. */
    static boolean degenerate(Sample control, Sample treatment, Difference difference) {
        return control.n() < 2
                || treatment.n() < 2
                || (difference == Difference.RELATIVE && control.mean() == 0)
                || (control.variance() == 0 && treatment.variance() == 0);
    }

    /** Welch's t-test with Welch-Satterthwaite degrees of freedom; intervals at 1 - alpha. */
    public static Frequentist welch(
            Sample control, Sample treatment, Difference difference, double alpha, Sided sided) {
        if (degenerate(control, treatment, difference)) {
            return new Frequentist(0, 0, new Interval(0, 0), 1);
        }
        Effect e = effect(control, treatment, difference);
        double dof = welchDof(control, treatment);
        TDistribution t = new TDistribution(dof);
        double stat = e.estimate() / e.standardError();
        return switch (sided) {
            case TWO_SIDED -> {
                double q = t.inverseCumulativeProbability(1 - alpha / 2);
                yield new Frequentist(
                        e.estimate(),
                        e.standardError(),
                        new Interval(e.estimate() - q * e.standardError(), e.estimate() + q * e.standardError()),
                        2 * (1 - t.cumulativeProbability(Math.abs(stat))));
            }
            case GREATER ->
                new Frequentist(
                        e.estimate(),
                        e.standardError(),
                        new Interval(
                                e.estimate() - t.inverseCumulativeProbability(1 - alpha) * e.standardError(),
                                Double.POSITIVE_INFINITY),
                        1 - t.cumulativeProbability(stat));
            case LESSER ->
                new Frequentist(
                        e.estimate(),
                        e.standardError(),
                        new Interval(
                                Double.NEGATIVE_INFINITY,
                                e.estimate() + t.inverseCumulativeProbability(1 - alpha) * e.standardError()),
                        t.cumulativeProbability(stat));
        };
    }

    static double welchDof(Sample control, Sample treatment) {
        double a = control.variance() / control.n();
        double b = treatment.variance() / treatment.n();
        return (a + b) * (a + b) / (a * a / (control.n() - 1) + b * b / (treatment.n() - 1));
    }

    /**
     * Always-valid inference: an interval that holds however often the results are looked at (GrowthBook's
     * sequential testing; {@code tau} is the tuning parameter, roughly the expected sample size).
     */
    public static Frequentist sequential(
            Sample control, Sample treatment, Difference difference, double alpha, Sided sided, double tau) {
        if (degenerate(control, treatment, difference)) {
            return new Frequentist(0, 0, new Interval(0, 0), 1);
        }
        Effect e = effect(control, treatment, difference);
        long n = control.n() + treatment.n();
        if (sided == Sided.TWO_SIDED) {
            double half = sequentialHalfWidth(e, n, alpha, tau, false);
            double rho2 = rho2(alpha, tau);
            double p = Math.min(
                    1,
                    Math.sqrt(n * rho2 + 1)
                            * Math.exp(-rho2
                                    * (e.estimate() * e.estimate() * n / (e.standardError() * e.standardError()))
                                    / (2 * (n * rho2 + 1))));
            return new Frequentist(
                    e.estimate(), e.standardError(), new Interval(e.estimate() - half, e.estimate() + half), p);
        }
        double half = sequentialHalfWidth(e, n, alpha, tau, true);
        Interval interval = sided == Sided.GREATER
                ? new Interval(e.estimate() - half, Double.POSITIVE_INFINITY)
                : new Interval(Double.NEGATIVE_INFINITY, e.estimate() + half);
        return new Frequentist(e.estimate(), e.standardError(), interval, sequentialOneSidedP(e, n, alpha, tau, sided));
    }

    private static double rho2(double a, double tau) {
        return (-2 * Math.log(a) + Math.log(-2 * Math.log(a) + 1)) / tau;
    }

    private static double sequentialHalfWidth(Effect e, long n, double alpha, double tau, boolean oneSided) {
        return oneSided
                ? oneSidedHalfWidth(e, n, alpha, rho2(2 * alpha, tau))
                : Math.sqrt(e.standardError() * e.standardError() * n)
                        * Math.sqrt(2
                                * (n * rho2(alpha, tau) + 1)
                                * Math.log(Math.sqrt(n * rho2(alpha, tau) + 1) / alpha)
                                / (n * n * rho2(alpha, tau)));
    }

    /** The one-sided half width at {@code alpha} for a mixing parameter rho² fixed beforehand. */
    private static double oneSidedHalfWidth(Effect e, long n, double alpha, double rho2) {
        double s2 = e.standardError() * e.standardError() * n;
        double nr = n * rho2 + 1;
        return Math.sqrt(s2 * 2 * nr / (n * n * rho2) * Math.log(1 + Math.sqrt(nr) / (2 * alpha)));
    }

    /**
     * The one-sided sequential p-value as GrowthBook defines it: keeping the mixing parameter of the test's own
     * alpha, the alpha at which the interval's bound reaches zero, found by bisection on [1e-5, 0.4999] (bound
     * within 1e-6 of zero, at most 100 steps) and reported as those ends when the bound never crosses zero there.
     */
    private static double sequentialOneSidedP(Effect e, long n, double alpha, double tau, Sided sided) {
        double rho2 = rho2(2 * alpha, tau);
        DoubleUnaryOperator bound = a -> sided == Sided.GREATER
                ? e.estimate() - oneSidedHalfWidth(e, n, a, rho2)
                : e.estimate() + oneSidedHalfWidth(e, n, a, rho2);
        double lo = 1e-5;
        double hi = 0.4999;
        boolean greater = sided == Sided.GREATER;
        if (greater ? bound.applyAsDouble(lo) > 0 : bound.applyAsDouble(lo) < 0) {
            return lo;
        }
        if (greater ? bound.applyAsDouble(hi) < 0 : bound.applyAsDouble(hi) > 0) {
            return hi;
        }
        double a = (lo + hi) / 2;
        for (int i = 0; i < 100; i++) {
            double b = bound.applyAsDouble(a);
            boolean notYet = greater ? b < 0 : b > 0;
            if (notYet) {
                lo = a;
            } else {
                hi = a;
            }
            a = (lo + hi) / 2;
            if (Math.abs(b) < 1e-6) {
                return a;
            }
        }
        return Double.NaN; // did not converge
    }

    /**
     * The Bayesian Gaussian-effect model: with an improper flat prior the posterior of the effect is N(estimate,
     * se²); with a proper prior N(priorMean, priorVariance) the two are combined by precision.
     */
    public static Bayesian bayesian(
            Sample control,
            Sample treatment,
            Difference difference,
            double alpha,
            Double priorMean,
            Double priorVariance) {
        if (degenerate(control, treatment, difference)) {
            return new Bayesian(0, 0, new Interval(0, 0), 0.5, 0, 0);
        }
        Effect e = effect(control, treatment, difference);
        double mean = e.estimate();
        double variance = e.standardError() * e.standardError();
        if (priorMean != null && priorVariance != null && priorVariance > 0) {
            double precision = 1 / variance + 1 / priorVariance;
            mean = (e.estimate() / variance + priorMean / priorVariance) / precision;
            variance = 1 / precision;
        }
        double sd = Math.sqrt(variance);
        double z = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double[] risk = risk(mean, sd);
        return new Bayesian(
                mean,
                sd,
                new Interval(mean - z * sd, mean + z * sd),
                1 - NORMAL.cumulativeProbability(-mean / sd),
                risk[0],
                risk[1]);
    }

    /**
     * Expected loss for a normal posterior N(mu, sigma²): [P(effect>0) E(effect | effect>0), the risk of keeping the
     * control; -P(effect<0) E(effect | effect<0), the risk of shipping the treatment].
     */
    public static double[] risk(double mu, double sigma) {
        if (sigma <= 0) {
            return new double[] {Math.max(mu, 0), Math.max(-mu, 0)};
        }
        double z = mu / sigma;
        double density = sigma * NORMAL.density(z);
        double control = mu * NORMAL.cumulativeProbability(z) + density;
        double treatment = density - mu * NORMAL.cumulativeProbability(-z);
        return new double[] {control, treatment};
    }

    /**
     * Two proportions: the difference with an unpooled-error interval at the given level, the two-sided p-value from
     * the pooled z (the 2x2 chi-square without continuity correction). Relative: the difference and interval divided
     * by the control rate.
     */
    public static Frequentist twoProportions(Sample control, Sample treatment, double level, Difference difference) {
        double pc = control.mean();
        double pt = treatment.mean();
        double diff = pt - pc;
        double se = Math.sqrt(pc * (1 - pc) / control.n() + pt * (1 - pt) / treatment.n());
        double z = NORMAL.inverseCumulativeProbability(1 - (1 - level) / 2);
        double pooled = (control.sum() + treatment.sum()) / (control.n() + treatment.n());
        double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / control.n() + 1.0 / treatment.n()));
        double p = pooledSe == 0 ? 1 : 2 * (1 - NORMAL.cumulativeProbability(Math.abs(diff / pooledSe)));
        double scale = difference == Difference.RELATIVE ? pc : 1;
        return new Frequentist(
                diff / scale, se / scale, new Interval((diff - z * se) / scale, (diff + z * se) / scale), p);
    }

    /** Power of a two-sided z-test to detect an absolute effect {@code mde} with these group sizes. */
    public static double power(double mde, double variance, double alpha, long n1, long n2) {
        return power(new Effect(mde, Math.sqrt(variance / n1 + variance / n2)), alpha);
    }

    /** Power of a two-sided z-test at {@code alpha} when the true effect and its standard error are {@code design}. */
    public static double power(Effect design, double alpha) {
        double z = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
        double signal = design.estimate() / design.standardError();
        return NORMAL.cumulativeProbability(signal - z) + NORMAL.cumulativeProbability(-signal - z);
    }

    /** Units per group for the given power (two-sided z-test, equal groups). */
    public static long sampleSize(double mde, double variance, double alpha, double power) {
        double z = NORMAL.inverseCumulativeProbability(1 - alpha / 2) + NORMAL.inverseCumulativeProbability(power);
        return (long) Math.ceil(2 * variance * z * z / (mde * mde));
    }

    /** Sample-ratio mismatch: chi-square goodness of fit of the units per variant against the intended weights. */
    public static SampleRatio sampleRatio(long[] observed, double[] weights) {
        double total = Arrays.stream(observed).sum();
        double weightSum = Arrays.stream(weights).sum();
        if (total == 0 || observed.length < 2) {
            return new SampleRatio(0, 1, false);
        }
        double[] expected = IntStream.range(0, weights.length)
                .mapToDouble(i -> total * weights[i] / weightSum)
                .toArray();
        ChiSquareTest test = new ChiSquareTest();
        double chi = test.chiSquare(expected, observed);
        double p = test.chiSquareTest(expected, observed);
        return new SampleRatio(chi, p, p < SRM_THRESHOLD);
    }

    /** Holm's step-down adjusted p-values (family-wise error), in the input order. */
    public static double[] holm(double[] p) {
        Integer[] order = IntStream.range(0, p.length)
                .boxed()
                .sorted(Comparator.comparingDouble(i -> p[i]))
                .toArray(Integer[]::new);
        double[] adjusted = new double[p.length];
        double running = 0;
        for (int k = 0; k < order.length; k++) {
            running = Math.max(running, Math.min(1, (p.length - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }

    /** Benjamini-Hochberg adjusted p-values (false discovery rate), in the input order. */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m)
                .boxed()
                .sorted(Comparator.comparingDouble(i -> p[i]))
                .toArray(Integer[]::new);
        double[] adjusted = new double[m];
        double running = 1;
        for (int k = m - 1; k >= 0; k--) {
            running = Math.min(running, Math.min(1, p[order[k]] * m / (k + 1)));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }

    /** Per-unit sums of a metric Y and its pre-exposure covariate X in one variant. */
    public record Covariate(long n, double sumY, double sumY2, double sumX, double sumX2, double sumXY) {
        double meanX() {
            return sumX / n;
        }

        double varX() {
            return (sumX2 - sumX * sumX / n) / (n - 1);
        }

        double varY() {
            return (sumY2 - sumY * sumY / n) / (n - 1);
        }

        double covXY() {
            return (sumXY - sumX * sumY / n) / (n - 1);
        }
    }

    /**
     * CUPED (Deng et al. 2013): each variant's Y adjusted by theta (X - mean X over all units), theta from the pooled
     * covariance, which removes the variance X explains without moving the expected difference. Answers the adjusted
     * samples (control, treatment) for any of the tests above.
     */
    public static Sample[] cuped(Covariate control, Covariate treatment) {
        long n = control.n() + treatment.n();
        double pooledCov = (control.covXY() * (control.n() - 1) + treatment.covXY() * (treatment.n() - 1)) / (n - 2);
        double pooledVarX = (control.varX() * (control.n() - 1) + treatment.varX() * (treatment.n() - 1)) / (n - 2);
        double theta = pooledVarX == 0 ? 0 : pooledCov / pooledVarX;
        double grandMeanX = (control.sumX() + treatment.sumX()) / n;
        return new Sample[] {adjusted(control, theta, grandMeanX), adjusted(treatment, theta, grandMeanX)};
    }

    private static Sample adjusted(Covariate c, double theta, double grandMeanX) {
        double mean = c.sumY() / c.n() - theta * (c.meanX() - grandMeanX);
        double variance = Math.max(0, c.varY() + theta * theta * c.varX() - 2 * theta * c.covXY());
        double sum = mean * c.n();
        return Sample.mean(sum, variance * (c.n() - 1) + sum * sum / c.n(), c.n());
    }

    /**
     * A ratio metric of one variant (sum of Y over sum of X across its units, e.g. revenue per order) as a sample
     * the tests above take: its mean is the ratio and its per-unit variance the delta method's
     * (Var Y - 2 R Cov(X, Y) + R^2 Var X) / mean(X)^2, so the standard error is that over n.
     */
    public static Sample ratio(Covariate sums) {
        long n = sums.n();
        if (n < 2 || sums.sumX() == 0) {
            return Sample.mean(0, 0, n);
        }
        double r = sums.sumY() / sums.sumX();
        double meanX = sums.meanX();
        double varY = (sums.sumY2() - sums.sumY() * sums.sumY() / n) / (n - 1);
        double variance = Math.max(0, (varY - 2 * r * sums.covXY() + r * r * sums.varX()) / (meanX * meanX));
        double sum = r * n;
        return Sample.mean(sum, variance * (n - 1) + sum * sum / n, n);
    }

    /**
     * Thompson sampling's allocation: each arm's chance of being the best, from {@code draws} joint draws of the
     * arms' posteriors (Beta(1 + conversions, 1 + failures) for proportions, normal around the mean with the
     * standard error for means; lower is better when {@code lowerIsBetter}). Seeded: the same data give the same answer.
     */
    public static double[] chanceToBeBest(Sample[] arms, boolean lowerIsBetter, int draws, long seed) {
        RandomDataGenerator random = RandomDataGenerator.of(new Well19937c(seed));
        double[] wins = new double[arms.length];
        for (int d = 0; d < draws; d++) {
            int best = 0;
            double bestValue = Double.NaN;
            for (int i = 0; i < arms.length; i++) {
                Sample a = arms[i];
                double x;
                if (a.kind() == Sample.Kind.PROPORTION) {
                    x = random.nextBeta(1 + a.sum(), 1 + Math.max(0, a.n() - a.sum()));
                } else {
                    double se = a.n() < 2 ? 1e6 : Math.sqrt(a.variance() / a.n());
                    x = se == 0 ? a.mean() : random.nextNormal(a.mean(), se);
                }
                x = lowerIsBetter ? -x : x;
                if (i == 0 || x > bestValue) {
                    best = i;
                    bestValue = x;
                }
            }
            wins[best]++;
        }
        for (int i = 0; i < wins.length; i++) {
            wins[i] /= draws;
        }
        return wins;
    }

    /** Off-policy estimates of a target policy's mean reward from logs of another (see {@link #offPolicy}). */
    public record OffPolicy(long n, double ips, double ipsStandardError, double snips, double effectiveSampleSize) {}

    /**
     * Inverse-propensity (IPS) and self-normalised (SNIPS) estimates of the mean reward a target policy would have
     * got, from logged rewards with the probability the logging policy showed each item and the probability the
     * target policy would have: weights w = target / logging; IPS = mean(w r) with its standard error, SNIPS =
     * sum(w r) / sum(w); the effective sample size (sum w)^2 / sum w^2 tells how far to trust them.
     */
    public static OffPolicy offPolicy(double[] rewards, double[] loggingPropensity, double[] targetPropensity) {
        int n = rewards.length;
        if (loggingPropensity.length != n || targetPropensity.length != n) {
            throw new IllegalArgumentException("rewards and propensities must have the same length");
        }
        double sumW = 0;
        double sumW2 = 0;
        double sumWr = 0;
        double sumWr2 = 0;
        for (int i = 0; i < n; i++) {
            if (!(loggingPropensity[i] > 0 && loggingPropensity[i] <= 1)) {
                throw new IllegalArgumentException("logging propensity " + i + " must be in (0, 1]");
            }
            double w = targetPropensity[i] / loggingPropensity[i];
            sumW += w;
            sumW2 += w * w;
            sumWr += w * rewards[i];
            sumWr2 += w * rewards[i] * w * rewards[i];
        }
        double ips = n == 0 ? 0 : sumWr / n;
        double variance = n < 2 ? 0 : Math.max(0, (sumWr2 - sumWr * sumWr / n) / (n - 1));
        return new OffPolicy(
                n,
                ips,
                n == 0 ? 0 : Math.sqrt(variance / n),
                sumW == 0 ? 0 : sumWr / sumW,
                sumW2 == 0 ? 0 : sumW * sumW / sumW2);
    }
}
