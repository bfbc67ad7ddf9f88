package dev.attune.personalization.internal.recommend;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/** Selects the n best of a score array with a bounded heap (O(items · log n)); ties go to the lower item index. */
final class TopN {
    private TopN() {}

    static List<ScoredItem> select(float[] scores, int n, IntPredicate excluded) {
        int[] best = select(scores, n, excluded, null);
        List<ScoredItem> out = new ArrayList<>(best.length);
        for (int item : best) {
            out.add(new ScoredItem(item, scores[item]));
        }
        return out;
    }

    /**
     * The indices of the {@code n} best scores, best first. {@code excluded} may be null; so may {@code mask}, else
     * items whose bit is set are skipped (faster than a predicate in evaluation loops). NaN scores are skipped.
     */
    static int[] select(float[] scores, int n, IntPredicate excluded, BitSet mask) {
        if (n <= 0) {
            return new int[0];
        }
        int[] heap = new int[n]; // min-heap on (score, -index): the root is the worst kept
        int size = 0;
        for (int item = 0; item < scores.length; item++) {
            float s = scores[item];
            if (Float.isNaN(s) || (mask != null && mask.get(item)) || (excluded != null && excluded.test(item))) {
                continue;
            }
            if (size < n) {
                heap[size] = item;
                siftUp(heap, size++, scores);
            } else if (better(item, heap[0], scores)) {
                heap[0] = item;
                siftDown(heap, size, scores);
            }
        }
        int[] out = new int[size];
        for (int k = size - 1; k >= 0; k--) {
            out[k] = heap[0];
            heap[0] = heap[k];
            siftDown(heap, k, scores);
        }
        return out;
    }

    private static boolean better(int a, int b, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    private static void siftUp(int[] heap, int k, float[] scores) {
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!better(heap[parent], heap[k], scores)) {
                break;
            }
            swap(heap, parent, k);
            k = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] scores) {
        int k = 0;
        while (true) {
            int left = 2 * k + 1;
            if (left >= size) {
                return;
            }
            int worst = left + 1 < size && better(heap[left], heap[left + 1], scores) ? left + 1 : left;
            if (!better(heap[k], heap[worst], scores)) {
                return;
            }
            swap(heap, k, worst);
            k = worst;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
