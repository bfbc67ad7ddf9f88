package dev.attune.personalization.api.stats;

/**
 * One variant's sufficient statistics for a metric: for a mean metric the sum and sum of squares of the per-unit
 * values; for a proportion (conversion) the number of units that converted as {@code sum}.
 */
public record Sample(Kind kind, double sum, double sumSquares, long n) {

    public enum Kind {
        /** A per-unit value (rating, CSAT, dwell, revenue): sample variance with n - 1. */
        MEAN,
        /** Converted or not: variance p(1 - p). */
        PROPORTION
    }

    public static Sample mean(double sum, double sumSquares, long n) {
        return new Sample(Kind.MEAN, sum, sumSquares, n);
    }

    public static Sample proportion(double conversions, long n) {
        return new Sample(Kind.PROPORTION, conversions, conversions, n);
    }

    public double mean() {
        return n == 0 ? 0 : sum / n;
    }

    public double variance() {
        if (kind == Kind.PROPORTION) {
            double p = mean();
            return p * (1 - p);
        }
        return n < 2 ? 0 : Math.max(0, (sumSquares - sum * sum / n) / (n - 1));
    }
}
