package dev.attune.identity.internal.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How two values of one field agree, as one of a few agreement levels: the unit the Fellegi-Sunter model estimates an
 * m and a u probability for. Level 0 is "different", the highest level is "exact"; in between come the similarity
 * bands or the near misses of the kind. {@link #MISSING} (either value absent) is its own level with weight 0: an
 * absent value is no evidence either way.
 *
 * @param field      the field compared
 * @param kind       how values are compared
 * @param thresholds similarity bands of {@link Kind#JARO_WINKLER} and {@link Kind#LEVENSHTEIN}, descending; empty
 *                   otherwise
 * @param swapField  a field whose value may have been entered here by mistake (given name and surname swapped):
 *                   when set, a pair whose values agree crosswise gets a level of its own; null otherwise
 */
public record Comparison(String field, Kind kind, List<Double> thresholds, String swapField) {
    /** The level of a pair where either value is absent. */
    public static final int MISSING = -1;

    /** Comparison kinds. */
    public enum Kind {
        /** Equal or not. */
        EXACT,
        /** Exact, then Jaro-Winkler bands (names, places: typos weigh less near the start of the word). */
        JARO_WINKLER,
        /** Exact, then Levenshtein-similarity bands (longer text such as street lines). */
        LEVENSHTEIN,
        /** YYYYMMDD or any digits: exact, day and month swapped, one digit off, different. */
        DATE_OF_BIRTH,
        /** Digits only (postcodes, phone numbers, ids; other characters ignored): exact, one digit off, different. */
        NUMERIC
    }

    public Comparison {
        thresholds = List.copyOf(thresholds);
        for (int i = 1; i < thresholds.size(); i++) {
            if (thresholds.get(i) >= thresholds.get(i - 1)) {
                throw new IllegalArgumentException("thresholds of " + field + " must descend: " + thresholds);
            }
        }
        if (thresholds.isEmpty() != (kind != Kind.JARO_WINKLER && kind != Kind.LEVENSHTEIN)) {
            throw new IllegalArgumentException(
                    kind + " of " + field + " takes " + (thresholds.isEmpty() ? "" : "no ") + "thresholds");
        }
        if (swapField != null && kind != Kind.EXACT && kind != Kind.JARO_WINKLER && kind != Kind.LEVENSHTEIN) {
            throw new IllegalArgumentException("only text comparisons can check swapped fields: " + field);
        }
    }

    public static Comparison exact(String field) {
        return new Comparison(field, Kind.EXACT, List.of(), null);
    }

    public static Comparison jaroWinkler(String field, double... thresholds) {
        return new Comparison(field, Kind.JARO_WINKLER, boxed(thresholds), null);
    }

    public static Comparison levenshtein(String field, double... thresholds) {
        return new Comparison(field, Kind.LEVENSHTEIN, boxed(thresholds), null);
    }

    public static Comparison dateOfBirth(String field) {
        return new Comparison(field, Kind.DATE_OF_BIRTH, List.of(), null);
    }

    public static Comparison numeric(String field) {
        return new Comparison(field, Kind.NUMERIC, List.of(), null);
    }

    /** This comparison with a level for values agreeing crosswise with {@code other} (swapped fields). */
    public Comparison swappedWith(String other) {
        return new Comparison(field, kind, thresholds, other);
    }

    /** Number of agreement levels, {@link #MISSING} not counted. */
    public int levels() {
        return switch (kind) {
            case EXACT -> swapField == null ? 2 : 3;
            case JARO_WINKLER, LEVENSHTEIN -> 2 + thresholds.size() + (swapField == null ? 0 : 1);
            case DATE_OF_BIRTH -> 4;
            case NUMERIC -> 3;
        };
    }

    /** What a level means, for explanations. */
    public String label(int level) {
        if (level == MISSING) {
            return "missing";
        }
        if (level == 0) {
            return "different";
        }
        if (level == levels() - 1) {
            return "exact";
        }
        if (swapField != null && level == 1) {
            return "swapped with " + swapField;
        }
        return switch (kind) {
            case DATE_OF_BIRTH -> level == 2 ? "day and month swapped" : "one digit off";
            case NUMERIC -> "one digit off";
            default ->
                String.format(
                        Locale.ROOT,
                        "%s >= %.2f",
                        kind == Kind.JARO_WINKLER ? "jw" : "lev",
                        thresholds.get(levels() - 2 - level));
        };
    }

    /** The value as this comparison reads it: digits only for dates and numbers (null when none), else as is. */
    public String prepare(String value) {
        if (value == null || (kind != Kind.DATE_OF_BIRTH && kind != Kind.NUMERIC)) {
            return value;
        }
        String digits = value.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : digits;
    }

    /** The level of two records. */
    public int level(LinkRecord a, LinkRecord b) {
        return level(prepare(a.value(field)), prepare(b.value(field)), swapValue(a), swapValue(b));
    }

    /**
     * The level of two {@linkplain #prepare prepared} values; {@code aSwap} and {@code bSwap} are the records' values
     * of {@link #swapField} (ignored when it is null).
     */
    int level(String a, String b, String aSwap, String bSwap) {
        if (a == null || b == null) {
            return MISSING;
        }
        int top = levels() - 1;
        if (a.equals(b)) {
            return top;
        }
        int level = switch (kind) {
            case EXACT -> 0;
            case JARO_WINKLER, LEVENSHTEIN -> {
                double similarity = similarity(a, b);
                int band = 0;
                while (band < thresholds.size() && similarity < thresholds.get(band)) {
                    band++;
                }
                yield band == thresholds.size() ? 0 : top - 1 - band;
            }
            case DATE_OF_BIRTH -> dayMonthSwapped(a, b) ? 2 : Similarity.oneEditApart(a, b) ? 1 : 0;
            case NUMERIC -> Similarity.oneEditApart(a, b) ? 1 : 0;
        };
        return level == 0 && swapField != null && swapped(a, b, aSwap, bSwap) ? 1 : level;
    }

    /** The similarity behind the level of two records, for explanations; NaN when missing or not a similarity kind. */
    public double similarity(LinkRecord a, LinkRecord b) {
        String x = a.value(field);
        String y = b.value(field);
        boolean measured = kind == Kind.JARO_WINKLER || kind == Kind.LEVENSHTEIN;
        return x == null || y == null || !measured ? Double.NaN : similarity(x, y);
    }

    private String swapValue(LinkRecord record) {
        return swapField == null ? null : record.value(swapField);
    }

    private double similarity(String a, String b) {
        return kind == Kind.JARO_WINKLER ? Similarity.jaroWinkler(a, b) : Similarity.levenshtein(a, b);
    }

    /** Each value agrees with the other record's swap field (exactly, or within the top similarity band). */
    private boolean swapped(String a, String b, String aSwap, String bSwap) {
        if (aSwap == null || bSwap == null) {
            return false;
        }
        if (kind == Kind.EXACT) {
            return a.equals(bSwap) && b.equals(aSwap);
        }
        double top = thresholds.get(0);
        return similarity(a, bSwap) >= top && similarity(b, aSwap) >= top;
    }

    private static boolean dayMonthSwapped(String a, String b) {
        return a.length() == 8
                && b.length() == 8
                && a.regionMatches(0, b, 0, 4)
                && a.regionMatches(4, b, 6, 2)
                && a.regionMatches(6, b, 4, 2);
    }

    private static List<Double> boxed(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double value : values) {
            list.add(value);
        }
        return list;
    }
}
