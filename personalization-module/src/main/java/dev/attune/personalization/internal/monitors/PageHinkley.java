package dev.attune.personalization.internal.monitors;

/**
 * The Page-Hinkley test for a change in the mean of a stream (Page 1954; Hinkley 1971), both ways: it accumulates
 * each value's deviation from the running mean beyond a tolerance {@code delta} and signals when the accumulated sum
 * has risen (or fallen) more than {@code lambda} above its minimum (below its maximum). After a signal it starts
 * over, learning the new mean. Values should be on a common scale (Attune feeds values scaled to [0, 1]).
 */
public final class PageHinkley {
    /**
     * A detected change: its direction, the mean of the values before the estimated change point (where the
     * cumulative sum turned), the mean of those after it, and how many values the detector had seen.
     */
    public record Change(boolean increase, double meanBefore, double meanAfter, long seen) {}

    private final double delta;
    private final double lambda;
    private final int minimum;
    private long n;
    private double mean;
    private double up;
    private double upMin;
    private double down;
    private double downMax;
    private double sum;
    /** At the latest turning point of each sum: the sum of the values up to it and how many they were. */
    private double upTurnSum;

    private long upTurnN;
    private double downTurnSum;
    private long downTurnN;

    /** {@code minimum}: values seen before a change may be signalled (the mean must be learnt first). */
    public PageHinkley(double delta, double lambda, int minimum) {
        this.delta = delta;
        this.lambda = lambda;
        this.minimum = minimum;
    }

    /** Adds a value; answers the change it reveals, or null. */
    public Change add(double x) {
        n++;
        sum += x;
        mean += (x - mean) / n;
        up += x - mean - delta;
        if (up < upMin) {
            upMin = up;
            upTurnSum = sum;
            upTurnN = n;
        }
        down += x - mean + delta;
        if (down > downMax) {
            downMax = down;
            downTurnSum = sum;
            downTurnN = n;
        }
        if (n < minimum) {
            return null;
        }
        Change change = null;
        if (up - upMin > lambda) {
            change = new Change(true, upTurnN == 0 ? mean : upTurnSum / upTurnN, (sum - upTurnSum) / (n - upTurnN), n);
        } else if (downMax - down > lambda) {
            change = new Change(
                    false, downTurnN == 0 ? mean : downTurnSum / downTurnN, (sum - downTurnSum) / (n - downTurnN), n);
        }
        if (change != null) {
            reset();
        }
        return change;
    }

    public long seen() {
        return n;
    }

    public double mean() {
        return mean;
    }

    private void reset() {
        sum = 0;
        upTurnSum = 0;
        upTurnN = 0;
        downTurnSum = 0;
        downTurnN = 0;
        n = 0;
        mean = 0;
        up = 0;
        upMin = 0;
        down = 0;
        downMax = 0;
    }
}
