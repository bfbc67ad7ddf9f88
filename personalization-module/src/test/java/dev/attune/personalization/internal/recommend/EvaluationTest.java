package dev.attune.personalization.internal.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** Metrics against hand-computed values, the evaluator on a tiny case, and the per-user split. */
class EvaluationTest {
    private static final int[] RANKED = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private static final IntPredicate RELEVANT = Set.of(2, 5, 11)::contains; // 11 is ranked below the top 10

    @Test
    void precisionRecallHit() {
        assertThat(RankingMetrics.precision(RANKED, RELEVANT, 10)).isEqualTo(0.2);
        assertThat(RankingMetrics.recall(RANKED, RELEVANT, 3, 10)).isCloseTo(2 / 3d, within(1e-12));
        assertThat(RankingMetrics.hit(RANKED, RELEVANT, 10)).isEqualTo(1);
        assertThat(RankingMetrics.hit(RANKED, RELEVANT, 1)).isEqualTo(0);
        assertThat(RankingMetrics.precision(RANKED, RELEVANT, 5)).isEqualTo(0.4);
    }

    @Test
    void ndcg() {
        // hits at ranks 2 and 5: DCG = 1/log2(3) + 1/log2(6) = 0.630930 + 0.386853; ideal = 3 hits on top:
        // 1 + 0.630930 + 0.5 = 2.130930; NDCG = 1.017783 / 2.130930 = 0.477624
        assertThat(RankingMetrics.ndcg(RANKED, RELEVANT, 3, 10)).isCloseTo(0.477624, within(1e-6));
        // one relevant item at rank 1: perfect
        assertThat(RankingMetrics.ndcg(RANKED, i -> i == 1, 1, 10)).isEqualTo(1);
        // 12 relevant items, 10 hits: the ideal is capped at k, so still perfect
        assertThat(RankingMetrics.ndcg(RANKED, i -> true, 12, 10)).isCloseTo(1, within(1e-12));
        assertThat(RankingMetrics.ndcg(RANKED, i -> false, 2, 10)).isZero();
    }

    @Test
    void evaluatorRanksAllUnmaskedItemsAndAveragesOverUsersWithTargets() {
        Interactions.Builder b = Interactions.builder().items(List.of("a", "b", "c", "d"));
        b.add("u1", "a", 1).add("u1", "b", 1).add("u2", "a", 1).add("u3", "c", 1); // popularity: a 2, b 1, c 1, d 0
        Interactions train = b.build();
        int[] users = {train.users().indexOf("u1"), train.users().indexOf("u2")};
        int[] items = {train.items().indexOf("c"), train.items().indexOf("d")};
        Interactions relevant =
                Interactions.of(train.users(), train.items(), 2, users, items, new float[] {1, 1}, null);
        Model popularity = new MostPopular(new MostPopular.Params(0)).fit(train);

        Evaluator.Metrics m = Evaluator.evaluate(popularity, train, train, relevant, 1);

        // u1 (a, b masked): c (1) beats d (0) -> hit; u2 (a masked): b and c tie at 1, b has the lower index -> miss;
        // u3 has nothing relevant and is not evaluated
        assertThat(m.users()).isEqualTo(2);
        assertThat(m.hit()).isEqualTo(0.5);
        assertThat(m.precision()).isEqualTo(0.5);
        assertThat(m.ndcg()).isEqualTo(0.5);
    }

    @Test
    void splitCountsFollowRecBole() {
        double[] r = {0.8, 0.1, 0.1};
        assertThat(Split.counts(20, r)).containsExactly(16, 2, 2);
        assertThat(Split.counts(25, r)).containsExactly(21, 2, 2);
        assertThat(Split.counts(100, r)).containsExactly(80, 10, 10);
        assertThat(Split.counts(5, r)).containsExactly(3, 1, 1); // 0.5 rounds to 0, so each takes one from train
        assertThat(Split.counts(2, r)).containsExactly(1, 0, 1); // train keeps one
        assertThat(Split.counts(1, r)).containsExactly(1, 0, 0);
    }

    @Test
    void splitIsPerUserDisjointCompleteAndDeterministic() {
        Random random = new Random(7);
        Interactions.Builder b = Interactions.builder();
        for (int u = 0; u < 60; u++) {
            int n = 10 + random.nextInt(40);
            Set<Integer> items = new HashSet<>();
            while (items.size() < n) {
                items.add(random.nextInt(300));
            }
            for (int item : items) {
                b.add("u" + u, "i" + item, 1, 1000L + item);
            }
        }
        Interactions all = b.build();

        Split split = Split.perUser(all, 0.8, 0.1, 0.1, 2020);

        for (int u = 0; u < all.userCount(); u++) {
            int n = all.rowSize(u);
            assertThat(split.valid().rowSize(u)).isEqualTo((int) (0.1 * n));
            assertThat(split.test().rowSize(u)).isEqualTo((int) (0.1 * n));
            assertThat(split.train().rowSize(u)).isEqualTo(n - 2 * (int) (0.1 * n));
            Set<Integer> seen = new HashSet<>();
            for (Interactions part : new Interactions[] {split.train(), split.valid(), split.test()}) {
                for (int item : part.row(u).indices()) {
                    assertThat(seen.add(item)).as("parts are disjoint").isTrue();
                }
            }
            assertThat(seen).hasSize(n);
            for (int item : all.row(u).indices()) {
                assertThat(seen).contains(item);
            }
        }
        assertThat(split.train().timed()).isTrue();
        assertThat(split.seen().size())
                .isEqualTo(split.train().size() + split.valid().size());
        Split again = Split.perUser(all, 0.8, 0.1, 0.1, 2020);
        Split other = Split.perUser(all, 0.8, 0.1, 0.1, 2021);
        boolean same = true;
        boolean differs = false;
        for (int u = 0; u < all.userCount(); u++) {
            same &= again.test().row(u).equals(split.test().row(u))
                    && again.valid().row(u).equals(split.valid().row(u));
            differs |= !other.test().row(u).equals(split.test().row(u));
        }
        assertThat(same).as("same seed, same split").isTrue();
        assertThat(differs).as("another seed, another split").isTrue();
    }

    @Test
    void topNKeepsTheBestInOrderAndBreaksTiesByIndex() {
        float[] scores = {0.5f, 2f, 2f, -1f, Float.NaN, 3f};

        assertThat(TopN.select(scores, 3, null)).extracting(ScoredItem::item).containsExactly(5, 1, 2);
        assertThat(TopN.select(scores, 10, i -> i == 1))
                .extracting(ScoredItem::item)
                .containsExactly(5, 2, 0, 3);
    }
}
