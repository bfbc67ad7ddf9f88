package dev.attune.admin.understand;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.MonitorAlert;
import dev.attune.personalization.api.MonitorService;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A site's monitor alerts: drift in ratings and in the sentiment of texts, spikes and drops of the event rate. */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class AlertsView extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final MonitorService monitors;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<MonitorAlert> grid = new Grid<>(MonitorAlert.class, false);

    @Inject
    public AlertsView(SiteService sites, MonitorService monitors) {
        this.monitors = monitors;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh());
        Paragraph help = new Paragraph(
                "Attune watches every site's ratings and the sentiment of its texts for drift (Page-Hinkley) and "
                        + "its event rate for spikes and drops (EWMA), and lists what it found here, newest first.");
        help.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        grid.setId("alerts-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(a -> TIME.format(a.at()))
                .setHeader("When (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(MonitorAlert::at);
        grid.addComponentColumn(AlertsView::badge)
                .setHeader("Kind")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(MonitorAlert::kind);
        grid.addColumn(MonitorAlert::message).setHeader("What changed").setFlexGrow(1);
        grid.addColumn(a -> String.format(Locale.ROOT, "%.2f → %.2f", a.expected(), a.value()))
                .setHeader("Level")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(MonitorAlert::value);
        Grids.sortable(grid);
        grid.setEmptyStateText("No alerts: ratings, sentiment and event rates look as they did.");
        add(new H2("Alerts"), help, site, grid);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        grid.setItems(
                site.getValue() == null
                        ? List.of()
                        : monitors.alerts(site.getValue().id(), 200));
    }

    private static Span badge(MonitorAlert a) {
        String label = a.kind().replace('_', ' ') + (a.kind().endsWith("drift") ? (a.increase() ? " ↑" : " ↓") : "");
        Span badge = new Span(label);
        boolean bad = a.kind().equals("rate_drop") || (a.kind().endsWith("drift") && !a.increase());
        badge.getElement().getThemeList().add("badge pill" + (bad ? " error" : " success"));
        return badge;
    }
}
