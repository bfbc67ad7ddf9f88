package dev.attune.admin.govern;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.CsvCells;
import dev.attune.admin.components.Grids;
import dev.attune.platform.api.PersonalData.InventoryItem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The data inventory: every kind of personal data each module stores, where, why and for how long, as the modules
 * declare it, with a CSV export of the same rows.
 */
class DataInventoryPanel extends Div {
    private final List<InventoryItem> inventory;
    final Grid<InventoryItem> grid = new Grid<>(InventoryItem.class, false);

    DataInventoryPanel(List<InventoryItem> inventory) {
        this.inventory = List.copyOf(inventory);
        Button exportButton = new Button("Export CSV", VaadinIcon.DOWNLOAD_ALT.create());
        exportButton.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Anchor export = new Anchor((DownloadHandler) this::download, AttachmentType.DOWNLOAD, "");
        export.add(exportButton);
        export.setId("retention-inventory-csv");
        export.setTitle("The data inventory as CSV (module, kind, where, what, why, how long)");
        HorizontalLayout head = new HorizontalLayout(RetentionView.heading("Data inventory"), export);
        head.setAlignItems(Alignment.BASELINE);
        head.setWidthFull();
        Paragraph about = new Paragraph(
                "Every kind of personal data each module stores: what, where, why and for how long, as declared by "
                        + "the module. Privacy requests (export, erasure) reach all of them.");
        about.addClassNames(
                LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Vertical.NONE);
        configureGrid();
        add(head, about, grid);
        setWidthFull();
    }

    private void configureGrid() {
        grid.setId("retention-inventory");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        column(InventoryItem::module, "Module")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(true);
        column(InventoryItem::kind, "Kind").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        column(InventoryItem::location, "Where").setWidth("14rem").setFlexGrow(1);
        column(InventoryItem::contents, "What").setWidth("22rem").setFlexGrow(3);
        column(InventoryItem::purpose, "Why").setWidth("16rem").setFlexGrow(2);
        column(InventoryItem::retention, "How long").setWidth("12rem").setFlexGrow(1);
        Grids.sortable(grid);
        grid.setEmptyStateText("No module declares personal data.");
        grid.setItems(inventory);
    }

    private Grid.Column<InventoryItem> column(Function<InventoryItem, String> value, String header) {
        return grid.addColumn(i -> value.apply(i) == null ? "" : value.apply(i))
                .setHeader(header)
                .setResizable(true);
    }

    /** The inventory as shown (it changes only with a new version of Attune). */
    private void download(DownloadEvent event) throws IOException {
        event.setFileName("attune-data-inventory.csv");
        event.setContentType("text/csv");
        try (OutputStream out = event.getOutputStream();
                Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            writeCsv(inventory, writer);
        }
    }

    /** The inventory as RFC 4180 CSV with a header row. */
    static void writeCsv(List<InventoryItem> inventory, Writer writer) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(
                writer,
                CSVFormat.RFC4180
                        .builder()
                        .setHeader("module", "kind", "location", "contents", "purpose", "retention")
                        .get())) {
            for (InventoryItem i : inventory) {
                csv.printRecord(
                        CsvCells.row(i.module(), i.kind(), i.location(), i.contents(), i.purpose(), i.retention()));
            }
        }
    }
}
