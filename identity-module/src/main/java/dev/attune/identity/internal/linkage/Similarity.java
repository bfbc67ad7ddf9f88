package dev.attune.identity.internal.linkage;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The string measures behind the comparisons, in one place so the evaluation's reference pipeline uses the same. */
public final class Similarity {
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    private Similarity() {}

    /** Jaro-Winkler similarity in [0, 1] (commons-text: prefix boost of 0.1 per character, up to 4, above Jaro 0.7). */
    public static double jaroWinkler(String a, String b) {
        return JARO_WINKLER.apply(a, b);
    }

    /** 1 - Levenshtein distance / length of the longer string, in [0, 1]; 1 for two empty strings. */
    public static double levenshtein(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1 : 1 - LEVENSHTEIN.apply(a, b) / (double) longer;
    }

    /**
     * Whether two different strings are one typing error apart: one character substituted, inserted or deleted, or two
     * adjacent characters transposed (optimal string alignment distance 1).
     */
    public static boolean oneEditApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int start = 0;
        while (start < a.length() && start < b.length() && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        if (a.length() != b.length()) { // one insertion: the rest of the longer one after the difference is the rest
            String longer = a.length() > b.length() ? a : b;
            String shorter = longer == a ? b : a;
            return longer.substring(start + 1).equals(shorter.substring(start));
        }
        if (a.substring(start + 1).equals(b.substring(start + 1))) {
            return true; // one substitution
        }
        return start + 1 < a.length()
                && a.charAt(start) == b.charAt(start + 1)
                && a.charAt(start + 1) == b.charAt(start)
                && a.substring(start + 2).equals(b.substring(start + 2));
    }
}
