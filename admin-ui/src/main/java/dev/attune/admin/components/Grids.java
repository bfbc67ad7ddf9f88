package dev.attune.admin.components;

import com.vaadin.flow.component.grid.ColumnPathRenderer;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.function.SerializablePredicate;
import com.vaadin.flow.function.ValueProvider;
import java.util.Locale;

/**
 * Sorting and filtering for the console's in-memory grids (those filled with {@code setItems(Collection)}); grids
 * whose rows come page by page from the database sort and filter in their back end instead and do not use this.
 */
public final class Grids {

    private Grids() {}

    /**
     * Makes every text column of an in-memory grid sortable and resizable, and returns the grid. A text column is one
     * added with {@link Grid#addColumn(ValueProvider)}: Vaadin gives it an in-memory comparator that compares the
     * values it shows when they are {@link Comparable} of a common type (numbers as numbers), and their strings
     * otherwise. Where the column shows a formatted date or number, give it {@code setComparator(...)} on the
     * underlying value first (that alone makes a column sortable). Component columns (badges, links, buttons, added
     * with {@code addComponentColumn}) have no comparator of their own (Vaadin's default one treats every row as
     * equal), so they stay as they are: unsortable unless given a comparator. Call it after adding the columns and
     * before any deliberate {@code setSortable(false)}, which it would otherwise undo.
     */
    public static <T> Grid<T> sortable(Grid<T> grid) {
        for (Grid.Column<T> column : grid.getColumns()) {
            // Column.getComparator(..) is no test: every column has a (no-op) default one, and asking for it marks
            // the column sortable; the renderer tells the text columns of addColumn(ValueProvider) apart.
            if (column.getRenderer() instanceof ColumnPathRenderer) {
                column.setResizable(true);
                if (!column.isSortable()) {
                    column.setSortable(true);
                }
            }
        }
        return grid;
    }

    /**
     * A search field for the rows of an in-memory grid (type to narrow, lazily, as the typing pauses); combine with
     * {@link #matching(TextField, ValueProvider[])} as the grid's filter, set again after each {@code setItems}:
     * {@code grid.setItems(rows).setFilter(matches)}.
     */
    public static TextField filterField(Grid<?> grid, String id, String placeholder) {
        TextField field = new TextField();
        field.setId(id);
        field.setPlaceholder(placeholder);
        field.setAriaLabel(placeholder);
        field.setClearButtonVisible(true);
        field.setPrefixComponent(VaadinIcon.SEARCH.create());
        field.setValueChangeMode(ValueChangeMode.LAZY);
        field.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        return field;
    }

    /**
     * Rows whose texts contain what the field holds, ignoring case (all rows while it is blank); read at each
     * filtering, so the grid only needs a refresh when the field changes.
     */
    @SafeVarargs
    public static <T> SerializablePredicate<T> matching(TextField field, ValueProvider<T, String>... texts) {
        return row -> {
            String wanted =
                    field.getValue() == null ? "" : field.getValue().strip().toLowerCase(Locale.ROOT);
            if (wanted.isEmpty()) {
                return true;
            }
            for (ValueProvider<T, String> text : texts) {
                String value = text.apply(row);
                if (value != null && value.toLowerCase(Locale.ROOT).contains(wanted)) {
                    return true;
                }
            }
            return false;
        };
    }
}
