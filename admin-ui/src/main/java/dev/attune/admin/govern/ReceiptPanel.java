package dev.attune.admin.govern;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.identity.api.PrivacyRequest;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The receipt of a privacy request, as the identity module recorded it: counts only, per module and kind, with a
 * sentence of what was exported or deleted; what to expect while there is none yet.
 */
class ReceiptPanel extends VerticalLayout {

    /** One line of a receipt: rows of one kind in one module. */
    record ReceiptRow(String module, String kind, long rows) {}

    ReceiptPanel() {
        setPadding(false);
        setId("privacy-receipt");
    }

    /** The receipt as module totals and a table of rows per module and kind, with the total. */
    /** Shows the receipt of the request; {@code admin}: the reader may download an export (it says how long it is kept). */
    void show(PrivacyRequest r, boolean admin) {
        removeAll();
        if (r.receipt() == null || r.receipt().isBlank()) {
            Paragraph none = new Paragraph(
                    switch (r.status()) {
                        case "queued" ->
                            "No receipt yet: the request waits in the queue (it is picked up within seconds, at the latest by "
                                    + PrivacyRequestsGrid.time(r.dueAt()) + " UTC).";
                        case "running" -> "No receipt yet: the request is being processed.";
                        case "failed" -> "No receipt: the request has not succeeded yet.";
                        default -> "No receipt was recorded.";
                    });
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            add(none);
            return;
        }
        JsonObject root;
        try {
            root = JSON.createReader(new StringReader(r.receipt())).readObject();
        } catch (JsonException | IllegalStateException e) {
            add(new Pre(r.receipt()));
            return;
        }
        List<ReceiptRow> rows = new ArrayList<>();
        Map<String, Long> perModule = new LinkedHashMap<>();
        JsonValue modules = root.get("modules");
        if (modules instanceof JsonObject byModule) {
            byModule.forEach((module, kinds) -> {
                perModule.put(module, 0L);
                if (kinds instanceof JsonObject byKind) {
                    byKind.forEach((kind, n) -> {
                        if (n instanceof JsonNumber number) {
                            rows.add(new ReceiptRow(module, kind, number.longValue()));
                            perModule.merge(module, number.longValue(), Long::sum);
                        }
                    });
                }
            });
        }
        long total = root.get("rowsDeleted") instanceof JsonNumber n
                ? n.longValue()
                : rows.stream().mapToLong(ReceiptRow::rows).sum();
        boolean erasure = "erasure".equals(r.kind());
        String summary;
        if (erasure) {
            int subjects = root.get("subjects") instanceof JsonNumber n ? n.intValue() : 0;
            summary = "Deleted " + total + " row" + (total == 1 ? "" : "s") + " about " + subjects + " subject"
                    + (subjects == 1 ? "" : "s")
                    + " in " + perModule.size() + " module" + (perModule.size() == 1 ? "" : "s") + "."
                    + (subjects == 0
                            ? " The person had no anonymous subjects any more (merged into another, or erased before)."
                            : "");
        } else if (perModule.isEmpty()) {
            summary = "Nothing was exported: the person no longer existed (merged into another, or erased).";
        } else {
            summary = "Exported " + total + " row" + (total == 1 ? "" : "s") + " from " + perModule.size() + " module"
                    + (perModule.size() == 1 ? "" : "s") + (admin ? "; the document itself is kept 30 days." : ".");
        }
        Paragraph line = new Paragraph(summary);
        line.setId("privacy-receipt-summary");
        line.addClassNames(LumoUtility.Margin.Vertical.NONE);
        add(line);

        FlexLayout cards = new FlexLayout();
        cards.setId("privacy-receipt-modules");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-s)");
        perModule.forEach((module, n) ->
                cards.add(card(module, n + (erasure ? " deleted" : n == 1 ? " row" : " rows"))));
        add(cards);

        Grid<ReceiptRow> table = new Grid<>(ReceiptRow.class, false);
        table.setId("privacy-receipt-rows");
        table.setAllRowsVisible(true);
        table.setWidth("min(40rem, 100%)");
        table.addColumn(ReceiptRow::module)
                .setHeader("Module")
                .setAutoWidth(true)
                .setFooter("Total");
        table.addColumn(ReceiptRow::kind).setHeader("Kind").setAutoWidth(true);
        table.addColumn(ReceiptRow::rows)
                .setHeader(erasure ? "Rows deleted" : "Rows exported")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END)
                .setFooter(String.valueOf(total));
        Grids.sortable(table);
        table.setItems(rows);
        table.setVisible(!rows.isEmpty());
        add(table);
    }

    private static Component card(String label, String value) {
        Span v = new Span(value);
        v.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span l = new Span(label);
        l.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div card = new Div(l, new Div(v));
        card.addClassNames(
                LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.CONTRAST_5);
        card.setMinWidth("8rem");
        return card;
    }
}
