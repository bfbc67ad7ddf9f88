package dev.attune.personalization.internal.recommend;

import java.util.Arrays;

/**
 * A model whose score is linear in the history through an item × item weight matrix: score(j) = Σ_i h_i · W[i][j]
 * (EASE, item kNN, RP3beta). Rows are held dense (n² floats: 11 MB for 1,682 items, 400 MB for 10,000; fine up to a few
 * thousand items) or sparse (top-k neighbours per item). The explanation is the history item with the largest
 * h_i · W[i][j].
 */
final class ItemItemModel implements Model {
    private final int items;
    private final float[] dense; // row-major n × n, or null
    private final int[] rowStart; // sparse rows, or null
    private final int[] columns;
    private final float[] values;

    private ItemItemModel(int items, float[] dense, int[] rowStart, int[] columns, float[] values) {
        this.items = items;
        this.dense = dense;
        this.rowStart = rowStart;
        this.columns = columns;
        this.values = values;
    }

    /** From a dense row-major n × n matrix (owned by the model from now on). */
    static ItemItemModel dense(int items, float[] weights) {
        if (weights.length != items * items) {
            throw new IllegalArgumentException("need " + items + "² weights");
        }
        return new ItemItemModel(items, weights, null, null, null);
    }

    /** From sparse rows: row i holds columns[rowStart[i]..rowStart[i+1]) ascending with their values. */
    static ItemItemModel sparse(int items, int[] rowStart, int[] columns, float[] values) {
        return new ItemItemModel(items, null, rowStart, columns, values);
    }

    /** From (row, column, value) entries, the first {@code count} of the arrays (each pair at most once). */
    static ItemItemModel fromEntries(int items, int count, int[] rows, int[] cols, float[] vals) {
        int[] rowStart = new int[items + 1];
        for (int k = 0; k < count; k++) {
            rowStart[rows[k] + 1]++;
        }
        for (int i = 0; i < items; i++) {
            rowStart[i + 1] += rowStart[i];
        }
        int[] fill = Arrays.copyOf(rowStart, items);
        long[] packed = new long[count]; // column and entry position, so each row sorts as primitives
        for (int k = 0; k < count; k++) {
            packed[fill[rows[k]]++] = ((long) cols[k] << 32) | k;
        }
        int[] columns = new int[count];
        float[] values = new float[count];
        for (int i = 0; i < items; i++) {
            Arrays.sort(packed, rowStart[i], rowStart[i + 1]);
        }
        for (int p = 0; p < count; p++) {
            columns[p] = (int) (packed[p] >>> 32);
            values[p] = vals[(int) packed[p]];
        }
        return sparse(items, rowStart, columns, values);
    }

    /** Keeps the k largest entries of each row of a dense row-major matrix (zeros and the diagonal dropped). */
    static ItemItemModel topKRows(int items, float[] weights, int k) {
        int[] rowStart = new int[items + 1];
        int[] columns = new int[items * Math.min(k, items)];
        float[] values = new float[columns.length];
        float[] row = new float[items];
        int size = 0;
        for (int i = 0; i < items; i++) {
            System.arraycopy(weights, i * items, row, 0, items);
            row[i] = Float.NaN;
            int[] best = TopN.select(row, k, null, null);
            Arrays.sort(best);
            for (int j : best) {
                if (row[j] > 0) {
                    columns[size] = j;
                    values[size++] = row[j];
                }
            }
            rowStart[i + 1] = size;
        }
        return sparse(items, rowStart, Arrays.copyOf(columns, size), Arrays.copyOf(values, size));
    }

    @Override
    public int itemCount() {
        return items;
    }

    @Override
    public void score(SparseVector history, float[] out) {
        Arrays.fill(out, 0, items, 0f);
        int[] h = history.indices();
        float[] v = history.values();
        for (int k = 0; k < h.length; k++) {
            int i = h[k];
            if (i < 0 || i >= items) {
                continue; // an item the model has not seen
            }
            float w = v[k];
            if (dense != null) {
                int base = i * items;
                for (int j = 0; j < items; j++) {
                    out[j] += w * dense[base + j];
                }
            } else {
                for (int p = rowStart[i]; p < rowStart[i + 1]; p++) {
                    out[columns[p]] += w * values[p];
                }
            }
        }
    }

    /** W[i][j]. */
    float weight(int i, int j) {
        if (dense != null) {
            return dense[i * items + j];
        }
        int p = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
        return p >= 0 ? values[p] : 0f;
    }

    @Override
    public Explanation explain(SparseVector history, int item) {
        int best = -1;
        double bestContribution = 0;
        for (int k = 0; k < history.size(); k++) {
            int i = history.indices()[k];
            if (i == item || i < 0 || i >= items) {
                continue;
            }
            double c = history.values()[k] * weight(i, item);
            if (c > bestContribution) {
                bestContribution = c;
                best = i;
            }
        }
        return best < 0 ? Explanation.none(item) : Explanation.because(item, best, bestContribution);
    }
}
