package dev.attune.personalization.internal.recommend;

import java.util.function.IntPredicate;

/**
 * Top-k metrics of one ranked list against a person's relevant items, as RecBole defines them: precision = hits / k,
 * recall = hits / |relevant|, NDCG = DCG / ideal DCG with binary gains and 1/log2(rank + 1) discounts (ideal: min(|relevant|,
 * k) hits on top), hit = 1 if any hit.
 */
public final class RankingMetrics {
    private RankingMetrics() {}

    static int hits(int[] ranked, IntPredicate relevant, int k) {
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            hits += relevant.test(ranked[r]) ? 1 : 0;
        }
        return hits;
    }

    public static double precision(int[] ranked, IntPredicate relevant, int k) {
        return hits(ranked, relevant, k) / (double) k;
    }

    public static double recall(int[] ranked, IntPredicate relevant, int relevantCount, int k) {
        return relevantCount == 0 ? 0 : hits(ranked, relevant, k) / (double) relevantCount;
    }

    public static double hit(int[] ranked, IntPredicate relevant, int k) {
        return hits(ranked, relevant, k) > 0 ? 1 : 0;
    }

    public static double ndcg(int[] ranked, IntPredicate relevant, int relevantCount, int k) {
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.test(ranked[r])) {
                dcg += 1 / log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevantCount); r++) {
            ideal += 1 / log2(r + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
