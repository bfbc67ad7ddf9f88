package dev.attune.personalization.internal.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy on a tiny hand-made catalogue: six people watched a, b and c; six others d, e and f; eight more only
 * g (the most popular item); h is watched by two of those. Someone with history {a, b} should get c first.
 */
class RecommendersTest {
    static final Interactions DATA = data();

    private static Interactions data() {
        Interactions.Builder b = Interactions.builder().items(List.of("a", "b", "c", "d", "e", "f", "g", "h"));
        long t = 1_000_000;
        for (int u = 0; u < 6; u++) {
            for (String item : List.of("a", "b", "c")) {
                b.add("p" + u, item, 1, t += 60);
            }
            t += 86_400;
        }
        for (int u = 6; u < 12; u++) {
            for (String item : List.of("d", "e", "f")) {
                b.add("p" + u, item, 1, t += 60);
            }
            t += 86_400;
        }
        for (int u = 12; u < 20; u++) {
            b.add("p" + u, "g", 1, t += 60);
            if (u < 14) {
                b.add("p" + u, "h", 1, t += 60);
            }
            t += 86_400;
        }
        return b.build();
    }

    static final Map<String, List<String>> GENRES = Map.of(
            "a",
            List.of("comedy"),
            "b",
            List.of("comedy"),
            "c",
            List.of("comedy", "romance"),
            "d",
            List.of("drama"),
            "e",
            List.of("drama"),
            "f",
            List.of("drama", "war"),
            "g",
            List.of("action"),
            "h",
            List.of("action", "war"));

    static Stream<Named<Recommender>> collaborative() {
        return Stream.<Recommender>of(
                        new Ease(Ease.Params.ease(1)),
                        new Ease(Ease.Params.dlae(1, 0.25)),
                        new Ease(new Ease.Params(1, 0, 600, 0.5)),
                        new ItemKnn(new ItemKnn.Params(3, 0)),
                        new Rp3Beta(new Rp3Beta.Params(1, 0.5, 5)),
                        new ImplicitAls(new ImplicitAls.Params(4, 0.1, 10, 15, 1)),
                        new SpectralFilter(new SpectralFilter.Params(3, 0.5)),
                        new ContentBased(new ContentBased.Params(true), GENRES),
                        new Hybrid(
                                List.of(
                                        new Ease(Ease.Params.ease(1)),
                                        new ImplicitAls(new ImplicitAls.Params(4, 0.1, 10, 15, 1)),
                                        new MostPopular(new MostPopular.Params(0))),
                                List.of(1.0, 0.5, 0.1)))
                .map(RecommendersTest::named);
    }

    private static Named<Recommender> named(Recommender r) {
        return Named.of(r.name() + " " + r.params(), r);
    }

    static Stream<Named<Recommender>> all() {
        return Stream.concat(
                collaborative(),
                Stream.<Recommender>of(
                                new MostPopular(new MostPopular.Params(0)), new MostPopular(new MostPopular.Params(1)))
                        .map(RecommendersTest::named));
    }

    private static int item(String id) {
        return DATA.items().indexOf(id);
    }

    private static SparseVector history(String... ids) {
        return SparseVector.ofItems(
                Stream.of(ids).mapToInt(RecommendersTest::item).toArray());
    }

    private static List<String> ids(List<ScoredItem> items) {
        return items.stream().map(s -> DATA.items().id(s.item())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collaborative")
    void ranksTheObviousItemFirst(Recommender recommender) {
        Model model = recommender.fit(DATA);

        assertThat(ids(model.recommend(history("a", "b"), 3))).first().isEqualTo("c");
        assertThat(ids(model.recommend(history("d", "e"), 3))).first().isEqualTo("f");
    }

    @Test
    void mostPopularRanksTheMostWatchedFirst() {
        Model model = new MostPopular(new MostPopular.Params(0)).fit(DATA);

        assertThat(ids(model.recommend(history("a"), 2))).containsExactly("g", "b");
        assertThat(model.explain(history("a"), item("g")).reason()).isEqualTo(Explanation.Reason.POPULAR);
    }

    @Test
    void trendingFavoursRecentInteractions() {
        // h was watched last with g, but by fewer people: a one-day half-life makes the older a, b, c, d, e, f worth ~0
        Model trending = new MostPopular(new MostPopular.Params(1)).fit(DATA);

        assertThat(ids(trending.recommend(SparseVector.empty(), 2))).containsExactly("g", "h");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void excludedItemsNeverAppear(Recommender recommender) {
        Model model = recommender.fit(DATA);
        Set<Integer> excluded = Set.of(item("c"), item("g"), item("f"));

        List<ScoredItem> top = model.recommend(history("a", "b"), 8, excluded::contains);

        assertThat(top).extracting(ScoredItem::item).doesNotContainAnyElementsOf(excluded);
        assertThat(top).hasSize(5);
        assertThat(ids(model.recommend(history("a", "b"), 8))).doesNotContain("a", "b");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collaborative")
    void foldingANewItemIntoTheHistoryChangesTheTopN(Recommender recommender) {
        Model model = recommender.fit(DATA);
        SparseVector before = history("a");

        List<String> topBefore = ids(model.recommend(before, 2));
        List<String> topAfter = ids(model.recommend(before.plus(item("d"), 1).plus(item("e"), 1), 2));

        assertThat(topBefore).containsExactlyInAnyOrder("b", "c");
        assertThat(topAfter).isNotEqualTo(topBefore).first().isEqualTo("f");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collaborative")
    void explainsWithTheHistoryItemThatContributedMost(Recommender recommender) {
        Model model = recommender.fit(DATA);

        Explanation why = model.explain(history("a", "d"), item("e"));

        assertThat(why.reason()).isEqualTo(Explanation.Reason.HISTORY_ITEM);
        assertThat(why.because()).isEqualTo(item("d"));
        assertThat(why.describe(DATA.items())).isEqualTo("because you liked d");
    }

    @Test
    void contentBasedScoresItemsNobodyInteractedWith() {
        Interactions few = Interactions.builder()
                .items(List.of("a", "b", "c"))
                .add("p", "a", 1)
                .build();
        Model model = new ContentBased(
                        new ContentBased.Params(false),
                        Map.of("a", List.of("comedy"), "b", List.of("drama"), "c", List.of("comedy")))
                .fit(few);

        assertThat(model.recommend(SparseVector.ofItems(0), 1))
                .extracting(ScoredItem::item)
                .containsExactly(2);
    }

    @Test
    void unknownHistoryItemsAreIgnored() {
        Model ease = new Ease(Ease.Params.ease(1)).fit(DATA);
        SparseVector withUnknown = history("a", "b").plus(DATA.itemCount() + 5, 1);

        assertThat(ids(ease.recommend(withUnknown, 1))).containsExactly("c");
    }

    @Test
    void buildsSparseRowsFromTriples() {
        Interactions x = Interactions.builder()
                .add("u1", "i2", 1)
                .add("u2", "i1", 2)
                .add("u1", "i1", 1)
                .add("u1", "i2", 3)
                .build();

        assertThat(x.userCount()).isEqualTo(2);
        assertThat(x.itemCount()).isEqualTo(2);
        assertThat(x.size()).isEqualTo(3);
        assertThat(x.timed()).isFalse();
        int u1 = x.users().indexOf("u1");
        assertThat(x.row(u1))
                .isEqualTo(SparseVector.of(
                        new int[] {x.items().indexOf("i2"), x.items().indexOf("i1")}, new float[] {4, 1}));
        assertThat(x.transpose().row(x.items().indexOf("i1")).size()).isEqualTo(2);
        assertThat(x.items().indexOf("nope")).isEqualTo(-1);
        assertThat(x.itemTotals()).containsExactly(4, 3);
    }
}
