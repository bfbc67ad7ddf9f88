package dev.attune.admin.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.theme.lumo.LumoUtility;
import java.util.Objects;

/**
 * One KPI card of the dashboard: a caption, the value in large type, an optional extra line (a trend arrow, a small
 * split bar, links) and a hint under it saying what the value is made of or, when it is empty ("—"), why. The card
 * has the given id ({@code kpi-...}), its value that id followed by {@code -value}. Setters change text only when it
 * differs, so live updates do not touch what did not change.
 */
final class DashboardKpi extends Div {
    static final String EMPTY = "—";

    private final Span value = new Span(EMPTY);
    private final Div extra = new Div();
    private final Span hint = new Span();

    DashboardKpi(String id, String caption, String description) {
        setId(id);
        value.setId(id + "-value");
        value.addClassNames(
                LumoUtility.FontSize.XXLARGE, LumoUtility.FontWeight.SEMIBOLD, LumoUtility.LineHeight.XSMALL);
        Span label = new Span(caption);
        label.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY, LumoUtility.FontWeight.MEDIUM);
        hint.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        extra.addClassNames(LumoUtility.FontSize.SMALL);
        extra.setVisible(false);
        add(label, value, extra, hint);
        addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.XSMALL,
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE,
                LumoUtility.Background.CONTRAST_5);
        getStyle().set("flex", "1 1 12rem").set("min-width", "11rem").set("max-width", "100%");
        getElement().setAttribute("title", description);
    }

    /** Shows a value and what it is made of, with the extra line if there is one. */
    void set(String text, String made) {
        if (!Objects.equals(value.getText(), text)) {
            value.setText(text);
        }
        String h = made == null ? "" : made;
        if (!Objects.equals(hint.getText(), h)) {
            hint.setText(h);
        }
        value.removeClassName(LumoUtility.TextColor.SECONDARY);
        extra.setVisible(extra.getComponentCount() > 0);
    }

    /** Shows "—" and why there is no value; the extra line is hidden. */
    void empty(String why) {
        set(EMPTY, why);
        value.addClassName(LumoUtility.TextColor.SECONDARY);
        extra.setVisible(false);
    }

    /** Sets the components of the extra line once; the caller updates them in place. */
    void setExtra(Component... components) {
        extra.removeAll();
        extra.add(components);
    }

    String value() {
        return value.getText();
    }
}
