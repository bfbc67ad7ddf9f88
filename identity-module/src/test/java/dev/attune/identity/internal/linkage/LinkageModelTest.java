package dev.attune.identity.internal.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attune.identity.internal.linkage.BlockingKey.Part;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkageModelTest {
    private static final LinkageConfig CONFIG = new LinkageConfig(
            List.of(Comparison.exact("email"), Comparison.jaroWinkler("surname", 0.92)),
            List.of(BlockingKey.of("city", Part.value("city"))),
            0.95,
            0.5,
            100);
    /** lambda 0.2 (prior -2 bits); email exact +log2(0.9/0.01), surname exact +1, jw >= 0.92 0, different -2. */
    private static final LinkageModel MODEL = new LinkageModel(
            CONFIG,
            0.2,
            new double[][] {{0.1, 0.9}, {0.1, 0.4, 0.5}},
            new double[][] {{0.99, 0.01}, {0.4, 0.4, 0.25}},
            3,
            true);

    private static LinkRecord person(String id, String email, String surname) {
        return new LinkRecord(id, Map.of("email", email, "surname", surname, "city", "perth"));
    }

    @Test
    void weights_are_log2_bayes_factors_and_missing_weighs_nothing() {
        assertEquals(-2, MODEL.priorWeight(), 1e-12);
        assertEquals(Math.log(90) / Math.log(2), MODEL.weight(0, 1), 1e-12);
        assertEquals(1, MODEL.weight(1, 2), 1e-12);
        assertEquals(-2, MODEL.weight(1, 0), 1e-12);
        assertEquals(0, MODEL.weight(1, Comparison.MISSING));
    }

    @Test
    void a_pair_weighs_the_prior_plus_its_levels_and_its_posterior_follows() {
        ScoredPair pair =
                MODEL.score(person("a", "ann@example.org", "martha"), person("b", "ann@example.org", "marhta"));
        double weight = -2 + Math.log(90) / Math.log(2) + 0;
        assertEquals(weight, pair.weight(), 1e-12);
        assertEquals(1 / (1 + Math.pow(2, -weight)), pair.probability(), 1e-12);
        assertEquals(Classification.MATCH, pair.classification()); // 0.957

        ScoredPair missing = MODEL.score(
                new LinkRecord("a", Map.of("surname", "lee")), new LinkRecord("b", Map.of("surname", "lee")));
        assertEquals(-1, missing.weight(), 1e-12);
        assertEquals(Classification.NON_MATCH, missing.classification()); // 1/3
    }

    @Test
    void thresholds_split_match_review_and_non_match() {
        assertEquals(Classification.MATCH, MODEL.classify(0.95));
        assertEquals(Classification.REVIEW, MODEL.classify(0.9499));
        assertEquals(Classification.REVIEW, MODEL.classify(0.5));
        assertEquals(Classification.NON_MATCH, MODEL.classify(0.4999));
        assertThrows(
                IllegalArgumentException.class,
                () -> new LinkageConfig(CONFIG.comparisons(), CONFIG.blockingKeys(), 0.5, 0.9, 100));
    }

    @Test
    void explanations_name_each_field_its_level_and_weight() {
        List<FieldScore> why =
                MODEL.explain(person("a", "ann@example.org", "martha"), person("b", "bob@example.org", "marhta"));
        assertEquals("email different -> -3.3", why.get(0).toString());
        assertEquals("surname 0.96 jw -> +0.0", why.get(1).toString());
        assertEquals("jw >= 0.92", why.get(1).label());
    }

    @Test
    void scoring_keeps_matches_and_review_most_probable_first() {
        List<LinkRecord> records = List.of(
                person("a", "ann@example.org", "martha"),
                person("b", "ann@example.org", "martha"),
                person("c", "ann@example.org", "smith"),
                person("d", "dan@example.org", "martha"));
        List<ScoredPair> scored = Linker.score(records, MODEL);
        // a-b: -2 + 6.49 + 1 = 5.49 (match); a-c, b-c: -2 + 6.49 - 2 = 2.49 (0.85, review); pairs with d: below -3
        assertEquals(
                List.of("a-b", "a-c", "b-c"),
                scored.stream().map(p -> p.left().id() + "-" + p.right().id()).toList());
        assertEquals(
                List.of(Classification.MATCH, Classification.REVIEW, Classification.REVIEW),
                scored.stream().map(ScoredPair::classification).toList());
    }
}
