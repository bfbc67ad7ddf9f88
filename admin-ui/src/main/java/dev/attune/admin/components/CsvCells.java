package dev.attune.admin.components;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cells of a CSV export, safe to open in a spreadsheet: text a visitor or an integrator wrote (a free-text answer, a
 * subject id, a site name) that begins with {@code = + - @}, a tab or a carriage return would run as a formula, so it
 * gets a leading single quote (OWASP, "CSV Injection"). Numbers stay numbers, also when they come as text ("-3").
 */
public final class CsvCells {
    private static final String TRIGGERS = "=+-@\t\r";
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private CsvCells() {}

    /** The value as it may go into a cell: null, a number, a boolean or text that cannot start a formula. */
    public static Object cell(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String text = value.toString();
        if (text.isEmpty()
                || TRIGGERS.indexOf(text.charAt(0)) < 0
                || NUMBER.matcher(text).matches()) {
            return text;
        }
        return "'" + text;
    }

    /** A row of cells for {@code CSVPrinter.printRecord}. */
    public static List<Object> row(Object... values) {
        return Arrays.stream(values).map(CsvCells::cell).toList();
    }

    /** A row of cells for {@code CSVPrinter.printRecord}. */
    public static List<Object> row(List<?> values) {
        return values.stream().map(CsvCells::cell).toList();
    }

    /** A header row whose names come from data (series, variants, segments). */
    public static String[] header(List<String> names) {
        return names.stream().map(n -> (String) cell(n)).toArray(String[]::new);
    }
}
