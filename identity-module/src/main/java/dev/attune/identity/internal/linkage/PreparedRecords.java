package dev.attune.identity.internal.linkage;

import java.util.List;

/**
 * The records' values as each comparison reads them ({@link Comparison#prepare}), worked out once per record rather
 * than once per pair: pairs are compared many more times than there are records.
 */
final class PreparedRecords {
    private final List<Comparison> comparisons;
    private final String[][] values;
    private final String[][] swapValues;
    private final int size;

    PreparedRecords(List<LinkRecord> records, List<Comparison> comparisons) {
        this.comparisons = comparisons;
        size = records.size();
        values = new String[comparisons.size()][records.size()];
        swapValues = new String[comparisons.size()][records.size()];
        for (int c = 0; c < comparisons.size(); c++) {
            Comparison comparison = comparisons.get(c);
            for (int r = 0; r < records.size(); r++) {
                values[c][r] = comparison.prepare(records.get(r).value(comparison.field()));
                swapValues[c][r] =
                        comparison.swapField() == null ? null : records.get(r).value(comparison.swapField());
            }
        }
    }

    int size() {
        return size;
    }

    /** The level of comparison {@code c} between records {@code a} and {@code b}. */
    int level(int c, int a, int b) {
        return comparisons.get(c).level(values[c][a], values[c][b], swapValues[c][a], swapValues[c][b]);
    }
}
