package dev.attune.admin.govern;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The small pieces the lineage panels are built of: cards of labelled facts, notes, grids that fit their rows, times. */
final class LineageParts {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Up to this many rows a grid shows them all; beyond, it scrolls. */
    private static final int ALL_ROWS_UP_TO = 15;

    private LineageParts() {}

    static Div card(String id, Component... content) {
        Div card = new Div(content);
        card.setId(id);
        card.setWidthFull();
        card.addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.SMALL,
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE,
                LumoUtility.Border.ALL,
                LumoUtility.BorderColor.CONTRAST_10,
                LumoUtility.Background.CONTRAST_5);
        return card;
    }

    static FlexLayout facts() {
        FlexLayout facts = new FlexLayout();
        facts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        facts.addClassNames(LumoUtility.Gap.Column.XLARGE, LumoUtility.Gap.Row.SMALL);
        facts.setWidthFull();
        return facts;
    }

    /** A small label over its value. */
    static Div fact(String label, String value) {
        Span l = new Span(label);
        l.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        Span v = new Span(value == null || value.isBlank() ? "—" : value);
        v.addClassNames(LumoUtility.FontSize.SMALL);
        v.getStyle().set("overflow-wrap", "anywhere");
        Div fact = new Div(l, v);
        fact.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        return fact;
    }

    static Paragraph note(String id, String text) {
        Paragraph p = new Paragraph(text);
        p.setId(id);
        p.addClassNames(LumoUtility.TextColor.SECONDARY);
        return p;
    }

    /** Short lists in full; long ones (a shared device has thousands of identifiers) scroll. */
    static void fit(Grid<?> grid, int rows) {
        grid.setWidthFull();
        if (rows <= ALL_ROWS_UP_TO) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setHeight("26rem");
        }
    }

    static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    static String orDash(String s) {
        return s == null || s.isBlank() || "null".equals(s) ? "—" : s;
    }
}
