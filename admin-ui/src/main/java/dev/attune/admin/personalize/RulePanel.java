package dev.attune.admin.personalize;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.JsonText;
import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * One rule: its definition as JSON, version, hits per day and latest firings. Who may change rules gets "Edit",
 * "Pause"/"Activate" and "Delete", reported as an {@link EditEvent}, a {@link ToggleEvent} and a {@link DeleteEvent}.
 */
class RulePanel extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private final boolean canEdit;

    RulePanel(boolean canEdit) {
        this.canEdit = canEdit;
        setPadding(false);
        setId("rule-detail");
    }

    /** Shows the rule with its hits per day and its latest firings; none clears the panel. */
    void show(Rule r, List<RuleService.Day> hits, List<RuleService.Firing> latest) {
        removeAll();
        if (r == null) {
            return;
        }
        H3 title = new H3(r.name());
        title.setId("rule-title");
        Button edit = new Button("Edit", VaadinIcon.EDIT.create(), e -> fireEvent(new EditEvent(this, r)));
        edit.setId("rule-edit");
        Button toggle = new Button(
                r.active() ? "Pause" : "Activate",
                (r.active() ? VaadinIcon.PAUSE : VaadinIcon.PLAY).create(),
                e -> fireEvent(new ToggleEvent(this, r)));
        toggle.setId("rule-toggle");
        Button delete = new Button("Delete", VaadinIcon.TRASH.create(), e -> fireEvent(new DeleteEvent(this, r)));
        delete.setId("rule-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout head = new HorizontalLayout(title, edit, toggle, delete);
        head.setAlignItems(Alignment.BASELINE);
        edit.setVisible(canEdit);
        toggle.setVisible(canEdit);
        delete.setVisible(canEdit);
        add(head);
        if (r.description() != null) {
            Paragraph d = new Paragraph(r.description());
            d.addClassNames(LumoUtility.TextColor.SECONDARY);
            add(d);
        }
        Pre json = new Pre(JsonText.pretty(RuleDefinitions.definition(r)));
        json.setId("rule-definition");
        json.addClassNames(
                LumoUtility.FontSize.SMALL,
                LumoUtility.Background.CONTRAST_5,
                LumoUtility.Padding.SMALL,
                LumoUtility.BorderRadius.MEDIUM);
        json.getStyle().set("white-space", "pre-wrap");
        Paragraph version =
                new Paragraph("Version " + r.version() + ", changed " + TIME.format(r.updatedAt()) + " UTC");
        version.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        add(json, version, new H4("Hits per day (last 30 days)"));
        EChart chart = new EChart();
        chart.setId("rule-hits");
        chart.setHeight("13rem");
        chart.setOption(RuleDefinitions.hitsChart(hits));
        add(chart, new H4("Latest firings"));
        Grid<RuleService.Firing> firings = new Grid<>(RuleService.Firing.class, false);
        firings.setId("rule-firings");
        firings.setAllRowsVisible(true);
        firings.addColumn(f -> TIME.format(f.at()))
                .setHeader("When (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(RuleService.Firing::at);
        firings.addColumn(RuleService.Firing::subject)
                .setHeader("Subject")
                .setAutoWidth(true)
                .setFlexGrow(0);
        firings.addColumn(RuleService.Firing::action)
                .setHeader("Action")
                .setAutoWidth(true)
                .setFlexGrow(0);
        firings.addColumn(RuleService.Firing::detail).setHeader("What was done").setFlexGrow(1);
        Grids.sortable(firings);
        firings.setItems(latest);
        firings.setEmptyStateText("It has not fired yet. Use \"Edit\" → \"Dry run\" to see who it would reach now.");
        add(firings);
    }

    Registration addEditListener(ComponentEventListener<EditEvent> listener) {
        return addListener(EditEvent.class, listener);
    }

    Registration addToggleListener(ComponentEventListener<ToggleEvent> listener) {
        return addListener(ToggleEvent.class, listener);
    }

    Registration addDeleteListener(ComponentEventListener<DeleteEvent> listener) {
        return addListener(DeleteEvent.class, listener);
    }

    /** The user wants to edit the rule. */
    static final class EditEvent extends ComponentEvent<RulePanel> {
        private final Rule rule;

        EditEvent(RulePanel source, Rule rule) {
            super(source, false);
            this.rule = rule;
        }

        Rule rule() {
            return rule;
        }
    }

    /** The user pauses an active rule or activates a paused one. */
    static final class ToggleEvent extends ComponentEvent<RulePanel> {
        private final Rule rule;

        ToggleEvent(RulePanel source, Rule rule) {
            super(source, false);
            this.rule = rule;
        }

        Rule rule() {
            return rule;
        }
    }

    /** The user wants to delete the rule (the view asks to confirm). */
    static final class DeleteEvent extends ComponentEvent<RulePanel> {
        private final Rule rule;

        DeleteEvent(RulePanel source, Rule rule) {
            super(source, false);
            this.rule = rule;
        }

        Rule rule() {
            return rule;
        }
    }
}
