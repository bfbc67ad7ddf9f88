package dev.attune.personalization.internal.profiles;

import java.util.Arrays;

/**
 * How long after its commit an event reached its subject's profile (for the benchmark and for operators): the last
 * {@value #SIZE} lags in a ring, with percentiles on demand.
 */
public final class PipelineLag {
    static final int SIZE = 1 << 17;

    private final long[] micros = new long[SIZE];
    private long count;

    synchronized void record(long lagMicros) {
        micros[(int) (count++ & (SIZE - 1))] = Math.max(0, lagMicros);
    }

    /** Events recorded since the last reset, and the 50th, 99th percentile and maximum of the kept lags (ms). */
    public synchronized double[] summary() {
        int n = (int) Math.min(count, SIZE);
        if (n == 0) {
            return new double[] {0, 0, 0, 0};
        }
        long[] sorted = Arrays.copyOf(micros, n);
        Arrays.sort(sorted);
        return new double[] {
            count,
            sorted[(int) Math.floor(0.5 * (n - 1))] / 1000.0,
            sorted[(int) Math.ceil(0.99 * (n - 1))] / 1000.0,
            sorted[n - 1] / 1000.0
        };
    }

    public synchronized void reset() {
        count = 0;
    }
}
