package dev.attune.personalization.internal.recommend;

import java.util.Arrays;

/**
 * A person's history as a sparse vector over item indices: {@code indices} strictly ascending, {@code values} the
 * interaction weights (1 for an implicit positive). This is all a {@link Model} needs to score a person, so a history
 * that changed a second ago is scored without refitting. The arrays are owned by the vector: do not modify them.
 */
public record SparseVector(int[] indices, float[] values) {
    private static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

    public SparseVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
        for (int k = 1; k < indices.length; k++) {
            if (indices[k] <= indices[k - 1]) {
                throw new IllegalArgumentException("indices must be strictly ascending");
            }
        }
    }

    public static SparseVector empty() {
        return EMPTY;
    }

    /** Items with weight 1 each (duplicates counted once). */
    public static SparseVector ofItems(int... items) {
        float[] ones = new float[items.length];
        Arrays.fill(ones, 1f);
        return of(items, ones);
    }

    /** From unordered pairs; the weights of repeated indices are added. */
    public static SparseVector of(int[] indices, float[] values) {
        int n = indices.length;
        long[] packed = new long[n];
        for (int k = 0; k < n; k++) {
            if (indices[k] < 0) {
                throw new IllegalArgumentException("negative index " + indices[k]);
            }
            packed[k] = ((long) indices[k] << 32) | k;
        }
        Arrays.sort(packed);
        int[] outIndices = new int[n];
        float[] outValues = new float[n];
        int size = 0;
        for (long p : packed) {
            int index = (int) (p >>> 32);
            float value = values[(int) p];
            if (size > 0 && outIndices[size - 1] == index) {
                outValues[size - 1] += value;
            } else {
                outIndices[size] = index;
                outValues[size++] = value;
            }
        }
        return new SparseVector(Arrays.copyOf(outIndices, size), Arrays.copyOf(outValues, size));
    }

    public int size() {
        return indices.length;
    }

    public boolean contains(int index) {
        return Arrays.binarySearch(indices, index) >= 0;
    }

    /** This history with one more interaction (added to the weight if the item is already there): the fold-in. */
    public SparseVector plus(int index, float value) {
        int[] i = Arrays.copyOf(indices, indices.length + 1);
        float[] v = Arrays.copyOf(values, values.length + 1);
        i[indices.length] = index;
        v[values.length] = value;
        return of(i, v);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SparseVector v && Arrays.equals(indices, v.indices) && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (int k = 0; k < indices.length; k++) {
            s.append(k == 0 ? "" : ", ").append(indices[k]).append('=').append(values[k]);
        }
        return s.append('}').toString();
    }
}
