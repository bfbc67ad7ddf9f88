package dev.attune.identity.internal.linkage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimilarityTest {
    @Test
    void jaro_winkler_gives_the_textbook_values() {
        assertEquals(0.961, Similarity.jaroWinkler("martha", "marhta"), 0.001);
        assertEquals(0.840, Similarity.jaroWinkler("dwayne", "duane"), 0.001);
        assertEquals(0.813, Similarity.jaroWinkler("dixon", "dicksonx"), 0.001);
        assertEquals(1.0, Similarity.jaroWinkler("lucy", "lucy"));
        assertEquals(0.0, Similarity.jaroWinkler("abc", "xyz"));
    }

    @Test
    void levenshtein_similarity_is_one_minus_distance_over_the_longer_length() {
        assertEquals(1 - 3 / 7.0, Similarity.levenshtein("kitten", "sitting"), 1e-12);
        assertEquals(1 - 1 / 13.0, Similarity.levenshtein("rankin street", "rankin steet"), 1e-12);
        assertEquals(1.0, Similarity.levenshtein("", ""));
    }

    @Test
    void one_edit_covers_substitution_insertion_deletion_and_adjacent_transposition() {
        assertTrue(Similarity.oneEditApart("19750208", "19750218"));
        assertTrue(Similarity.oneEditApart("5245", "5254"));
        assertTrue(Similarity.oneEditApart("12", "21"));
        assertTrue(Similarity.oneEditApart("1234", "123"));
        assertTrue(Similarity.oneEditApart("234", "1234"));
        assertTrue(Similarity.oneEditApart("1234", "12534"));
        assertFalse(Similarity.oneEditApart("1234", "1234"));
        assertFalse(Similarity.oneEditApart("1234", "4321"));
        assertFalse(Similarity.oneEditApart("1234", "2143"));
        assertFalse(Similarity.oneEditApart("1234", "12"));
        assertFalse(Similarity.oneEditApart("1234", "1354"));
    }
}
