package dev.attune.personalization.internal.recommend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who interacted with what: a users × items matrix in compressed sparse rows (for user {@code u}, entries
 * {@code start(u)..end(u)-1} hold ascending item indices with their weights and, when known, the epoch second of the
 * latest interaction). External ids map to dense ints through {@link #users()} and {@link #items()}; the parts of a
 * split share those indices. About 16 bytes per interaction. Immutable.
 */
public final class Interactions {
    private final IdIndex users;
    private final IdIndex items;
    private final int[] rowStart;
    private final int[] columns;
    private final float[] weights;
    private final long[] times; // null when the interactions carry no time

    private Interactions(IdIndex users, IdIndex items, int[] rowStart, int[] columns, float[] weights, long[] times) {
        this.users = users;
        this.items = items;
        this.rowStart = rowStart;
        this.columns = columns;
        this.weights = weights;
        this.times = times;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * From (user, item, weight[, time]) triples over existing indices, first {@code count} entries of the arrays;
     * repeated pairs are merged (weights added, latest time kept). {@code t} may be null.
     */
    static Interactions of(IdIndex users, IdIndex items, int count, int[] u, int[] i, float[] w, long[] t) {
        int[] rowStart = new int[users.size() + 1];
        for (int k = 0; k < count; k++) {
            if (u[k] < 0 || u[k] >= users.size() || i[k] < 0 || i[k] >= items.size()) {
                throw new IllegalArgumentException("index out of range: user " + u[k] + ", item " + i[k]);
            }
            rowStart[u[k] + 1]++;
        }
        for (int r = 0; r < users.size(); r++) {
            rowStart[r + 1] += rowStart[r];
        }
        // counting sort by user, then each row by item (packed with its position so the sort stays primitive)
        int[] fill = Arrays.copyOf(rowStart, users.size());
        long[] packed = new long[count];
        for (int k = 0; k < count; k++) {
            packed[fill[u[k]]++] = ((long) i[k] << 32) | k;
        }
        int[] columns = new int[count];
        float[] weights = new float[count];
        long[] times = t == null ? null : new long[count];
        int[] newStart = new int[users.size() + 1];
        int size = 0;
        for (int r = 0; r < users.size(); r++) {
            Arrays.sort(packed, rowStart[r], rowStart[r + 1]);
            int rowFirst = size;
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
                int item = (int) (packed[p] >>> 32);
                int k = (int) packed[p];
                if (size > rowFirst && columns[size - 1] == item) {
                    weights[size - 1] += w[k];
                    if (times != null) {
                        times[size - 1] = Math.max(times[size - 1], t[k]);
                    }
                } else {
                    columns[size] = item;
                    weights[size] = w[k];
                    if (times != null) {
                        times[size] = t[k];
                    }
                    size++;
                }
            }
            newStart[r + 1] = size;
        }
        return new Interactions(
                users,
                items,
                newStart,
                Arrays.copyOf(columns, size),
                Arrays.copyOf(weights, size),
                times == null ? null : Arrays.copyOf(times, size));
    }

    public IdIndex users() {
        return users;
    }

    public IdIndex items() {
        return items;
    }

    public int userCount() {
        return users.size();
    }

    public int itemCount() {
        return items.size();
    }

    /** Number of stored (user, item) entries. */
    public int size() {
        return columns.length;
    }

    public boolean timed() {
        return times != null;
    }

    public int start(int user) {
        return rowStart[user];
    }

    public int end(int user) {
        return rowStart[user + 1];
    }

    /** The item of entry {@code k}. */
    public int item(int k) {
        return columns[k];
    }

    public float weight(int k) {
        return weights[k];
    }

    /** The epoch second of entry {@code k}; only when {@link #timed()}. */
    public long time(int k) {
        return times[k];
    }

    /** A user's row as a history vector. */
    public SparseVector row(int user) {
        return new SparseVector(
                Arrays.copyOfRange(columns, rowStart[user], rowStart[user + 1]),
                Arrays.copyOfRange(weights, rowStart[user], rowStart[user + 1]));
    }

    public int rowSize(int user) {
        return rowStart[user + 1] - rowStart[user];
    }

    /** The sum of weights of each item's column. */
    public double[] itemTotals() {
        double[] totals = new double[items.size()];
        for (int k = 0; k < columns.length; k++) {
            totals[columns[k]] += weights[k];
        }
        return totals;
    }

    /** The largest time stored, or 0 when none. */
    public long latestTime() {
        long latest = 0;
        if (times != null) {
            for (long t : times) {
                latest = Math.max(latest, t);
            }
        }
        return latest;
    }

    /** The same data as items × users (rows are items). */
    public Interactions transpose() {
        int n = columns.length;
        int[] u = new int[n];
        for (int r = 0; r < users.size(); r++) {
            Arrays.fill(u, rowStart[r], rowStart[r + 1], r);
        }
        return of(items, users, n, columns, u, weights, times);
    }

    /** Every weight replaced by 1 (implicit positives). */
    public Interactions binarized() {
        float[] ones = new float[columns.length];
        Arrays.fill(ones, 1f);
        return new Interactions(users, items, rowStart, columns, ones, times);
    }

    /** The entries of both (same indices); pairs present in both are merged. */
    public Interactions union(Interactions other) {
        if (other.users != users || other.items != items) {
            throw new IllegalArgumentException("union needs interactions over the same indices");
        }
        int n = size() + other.size();
        int[] u = new int[n];
        int[] i = new int[n];
        float[] w = new float[n];
        long[] t = times != null && other.times != null ? new long[n] : null;
        int k = 0;
        for (Interactions part : List.of(this, other)) {
            for (int r = 0; r < part.userCount(); r++) {
                for (int p = part.start(r); p < part.end(r); p++, k++) {
                    u[k] = r;
                    i[k] = part.columns[p];
                    w[k] = part.weights[p];
                    if (t != null) {
                        t[k] = part.times[p];
                    }
                }
            }
        }
        return of(users, items, n, u, i, w, t);
    }

    /** Collects triples with external ids; the catalogue may be declared first so items nobody touched get an index. */
    public static final class Builder {
        private final Map<String, Integer> userIds = new LinkedHashMap<>();
        private final Map<String, Integer> itemIds = new LinkedHashMap<>();
        private int[] u = new int[1024];
        private int[] i = new int[1024];
        private float[] w = new float[1024];
        private long[] t = new long[1024];
        private int count;
        private boolean timed = true;

        private Builder() {}

        /** Declares items (in order) so that they get an index even without interactions. */
        public Builder items(Iterable<String> catalogue) {
            catalogue.forEach(id -> itemIds.computeIfAbsent(id, k -> itemIds.size()));
            return this;
        }

        public Builder add(String user, String item, double weight) {
            timed = false;
            return put(user, item, weight, 0);
        }

        public Builder add(String user, String item, double weight, long epochSecond) {
            return put(user, item, weight, epochSecond);
        }

        private Builder put(String user, String item, double weight, long time) {
            if (count == u.length) {
                u = Arrays.copyOf(u, count * 2);
                i = Arrays.copyOf(i, count * 2);
                w = Arrays.copyOf(w, count * 2);
                t = Arrays.copyOf(t, count * 2);
            }
            u[count] = userIds.computeIfAbsent(user, k -> userIds.size());
            i[count] = itemIds.computeIfAbsent(item, k -> itemIds.size());
            w[count] = (float) weight;
            t[count] = time;
            count++;
            return this;
        }

        /** The matrix; carries times only when every triple had one. */
        public Interactions build() {
            return of(
                    IdIndex.of(new ArrayList<>(userIds.keySet())),
                    IdIndex.of(new ArrayList<>(itemIds.keySet())),
                    count,
                    u,
                    i,
                    w,
                    timed && count > 0 ? t : null);
        }
    }
}
