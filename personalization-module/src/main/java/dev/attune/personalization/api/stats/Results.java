package dev.attune.personalization.api.stats;

/** What the statistics engine answers. */
public final class Results {
    private Results() {}

    /** How the treatment is compared with the control. */
    public enum Difference {
        /** mean_t - mean_c */
        ABSOLUTE,
        /** (mean_t - mean_c) / |mean_c|, its error by the delta method */
        RELATIVE
    }

    /** Which alternative a frequentist test considers. */
    public enum Sided {
        TWO_SIDED,
        GREATER,
        LESSER
    }

    /** A confidence or credible interval; an open side is an infinity. */
    public record Interval(double lower, double upper) {
        public boolean contains(double x) {
            return lower <= x && x <= upper;
        }
    }

    /** An effect estimate and its standard error. */
    public record Effect(double estimate, double standardError) {}

    /** A frequentist answer: the effect, its interval and p-value. */
    public record Frequentist(double estimate, double standardError, Interval interval, double pValue) {
        public boolean significant(double alpha) {
            return pValue < alpha;
        }
    }

    /**
     * A Bayesian answer: the posterior of the effect (its mean and standard deviation), the central credible
     * interval, the chance the treatment is better, and the expected loss of choosing each side.
     */
    public record Bayesian(
            double estimate,
            double standardDeviation,
            Interval interval,
            double chanceToWin,
            double riskOfControl,
            double riskOfTreatment) {}

    /** A sample-ratio-mismatch check: chi-square p-value of the observed counts against the intended weights. */
    public record SampleRatio(double chiSquare, double pValue, boolean mismatch) {}
}
