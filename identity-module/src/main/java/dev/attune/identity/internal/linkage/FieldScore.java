package dev.attune.identity.internal.linkage;

import java.util.Locale;

/**
 * One comparison's part in a pair's weight, for explanations in review ("surname 0.93 jw -> +5.1").
 *
 * @param field      the field compared
 * @param kind       how it was compared
 * @param level      the agreement level ({@link Comparison#MISSING} when a value is absent)
 * @param label      what the level means
 * @param similarity the Jaro-Winkler or Levenshtein similarity; NaN for other kinds and missing values
 * @param weight     the level's log2 Bayes factor m / u (0 when missing)
 */
public record FieldScore(
        String field, Comparison.Kind kind, int level, String label, double similarity, double weight) {
    @Override
    public String toString() {
        String measure = kind == Comparison.Kind.JARO_WINKLER ? "jw" : "lev";
        String how = Double.isNaN(similarity) ? label : String.format(Locale.ROOT, "%.2f %s", similarity, measure);
        return String.format(Locale.ROOT, "%s %s -> %+.1f", field, how, weight);
    }
}
