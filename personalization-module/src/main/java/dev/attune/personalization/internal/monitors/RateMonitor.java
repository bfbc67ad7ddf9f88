package dev.attune.personalization.internal.monitors;

/**
 * Anomalies in a count per period (events per minute of a site): an exponentially weighted mean and variance of the
 * counts; a count more than {@code k} standard deviations (at least {@code minDeviation} events) from the mean,
 * after {@code warmUp} periods, is an anomaly (a spike or a drop). Anomalous periods update the baseline with a
 * tenth of the weight, so a lasting new level is learnt while one burst does not move it much.
 */
public final class RateMonitor {
    /** An anomalous period: its count, the expected count and the standard deviation it was judged by. */
    public record Anomaly(boolean spike, long count, double expected, double deviation) {}

    private final double alpha;
    private final double k;
    private final double minDeviation;
    private final int warmUp;
    private long periods;
    private double mean;
    private double variance;

    public RateMonitor(double alpha, double k, double minDeviation, int warmUp) {
        this.alpha = alpha;
        this.k = k;
        this.minDeviation = minDeviation;
        this.warmUp = warmUp;
    }

    /** Adds one period's count; answers the anomaly it is, or null. */
    public Anomaly add(long count) {
        periods++;
        if (periods == 1) {
            mean = count;
            return null;
        }
        double sd = Math.sqrt(variance);
        double distance = count - mean;
        Anomaly anomaly = null;
        if (periods > warmUp && Math.abs(distance) > Math.max(k * sd, minDeviation)) {
            anomaly = new Anomaly(distance > 0, count, mean, sd);
        }
        double a = anomaly == null ? alpha : alpha / 10;
        mean += a * distance;
        variance = (1 - a) * (variance + a * distance * distance);
        return anomaly;
    }

    public double mean() {
        return mean;
    }
}
