package dev.attune.admin.collect;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.QuarantineReason;
import dev.attune.feedback.api.QuarantineService;
import dev.attune.feedback.api.QuarantinedEvent;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Events the integrity screen held back: why, and what they were. Administrators release them into the event store
 * (they are then published like any event) or delete them; both are audited by the service.
 */
@Route(value = "quarantine", layout = MainLayout.class)
@PageTitle("Quarantine · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class QuarantineView extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final QuarantineService quarantine;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final ComboBox<QuarantineReason> reason = new ComboBox<>("Reason");
    private final Grid<QuarantinedEvent> grid = new Grid<>(QuarantinedEvent.class, false);
    private final HorizontalLayout summary = new HorizontalLayout();
    private final Button release = new Button("Release");
    private final Button delete = new Button("Delete");

    private final AuditLog audit;

    @Inject
    public QuarantineView(SiteService sites, QuarantineService quarantine, AuditLog audit) {
        this.quarantine = quarantine;
        this.audit = audit;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setClearButtonVisible(true);
        site.setPlaceholder("All sites");
        site.setId("quarantine-site");
        reason.setItems(QuarantineReason.values());
        reason.setItemLabelGenerator(r -> r.wireName().replace('_', ' '));
        reason.setClearButtonVisible(true);
        reason.setPlaceholder("Every reason");
        reason.setId("quarantine-reason");
        site.addValueChangeListener(e -> refresh());
        reason.addValueChangeListener(e -> refresh());

        release.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        release.setId("quarantine-release");
        release.addClickListener(e -> confirm(true));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        delete.setId("quarantine-delete");
        delete.addClickListener(e -> confirm(false));
        boolean admin = CurrentUser.hasRole(Roles.ADMIN);
        release.setVisible(admin);
        delete.setVisible(admin);
        release.setEnabled(false);
        delete.setEnabled(false);

        HorizontalLayout bar = new HorizontalLayout(site, reason, release, delete);
        bar.setAlignItems(Alignment.BASELINE);
        configureGrid(admin);
        summary.setId("quarantine-summary");
        Paragraph help =
                new Paragraph("Held back by the integrity screen: known bots, honeypot fields, spam or repeated "
                        + "text, implausible values, subjects faster than a person. Quarantined events never reach profiles, "
                        + "models or experiments unless released.");
        help.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        add(new H2("Quarantine"), help, summary, bar, grid);
        refresh();
    }

    private void configureGrid(boolean admin) {
        grid.setId("quarantine-grid");
        grid.setSizeFull();
        if (admin) {
            grid.setSelectionMode(Grid.SelectionMode.MULTI);
            grid.addSelectionListener(e -> {
                boolean any = !e.getAllSelectedItems().isEmpty() && oneSite(e.getAllSelectedItems());
                release.setEnabled(any);
                delete.setEnabled(any);
            });
        }
        grid.addColumn(e -> TIME.format(e.quarantinedAt()))
                .setHeader("Held (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.reason().wireName().replace('_', ' '))
                .setHeader("Reason")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.detail() == null ? "" : e.detail())
                .setHeader("Why")
                .setWidth("22rem")
                .setFlexGrow(2)
                .setTooltipGenerator(e -> e.detail() == null ? "" : e.detail());
        grid.addColumn(QuarantinedEvent::siteName)
                .setHeader("Site")
                .setWidth("10rem")
                .setFlexGrow(0)
                .setTooltipGenerator(QuarantinedEvent::siteName);
        grid.addColumn(QuarantinedEvent::type)
                .setHeader("Type")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(QuarantinedEvent::subjectId)
                .setHeader("Subject")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.text() != null
                        ? e.text()
                        : e.value() != null ? e.value().toPlainString() : "")
                .setHeader("Text or value")
                .setWidth("12rem")
                .setFlexGrow(1);
        grid.addColumn(e -> e.clientAddress() == null ? "" : e.clientAddress())
                .setHeader("Address")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.setEmptyStateText("Nothing in quarantine.");
    }

    private QuarantineService.Query query() {
        return new QuarantineService.Query(
                site.getValue() == null ? null : site.getValue().id(), reason.getValue(), null, null);
    }

    /** Held events name their subjects: each query (not each page) is recorded as an access to personal data. */
    private void refresh() {
        QuarantineService.Query filter = query();
        audit.record(
                "quarantine.browse",
                site.getValue() == null ? "all sites" : site.getValue().id().toString(),
                AuditLog.AuditOutcome.SUCCESS,
                Map.of("via", "console", "filters", String.valueOf(filter)));
        grid.setItems(q -> fetch(filter, q), q -> (int) Math.min(Integer.MAX_VALUE, quarantine.count(filter)));
        grid.deselectAll();
        summary.removeAll();
        Map<QuarantineReason, Long> last24h =
                quarantine.countsByReason(filter.siteId(), Instant.now().minus(Duration.ofDays(1)));
        Span total = badge(
                "last 24 h: "
                        + last24h.values().stream().mapToLong(Long::longValue).sum(),
                true);
        summary.add(total);
        last24h.forEach((r, n) -> summary.add(badge(r.wireName().replace('_', ' ') + " " + n, false)));
    }

    private static Span badge(String text, boolean strong) {
        Span badge = new Span(text);
        badge.getStyle()
                .set("background", strong ? "var(--lumo-primary-color-10pct)" : "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "0.2em 0.7em");
        badge.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.FontWeight.MEDIUM);
        return badge;
    }

    private Stream<QuarantinedEvent> fetch(QuarantineService.Query filter, Query<QuarantinedEvent, Void> page) {
        return quarantine.search(filter, page.getOffset(), Math.min(page.getLimit(), 1_000)).stream();
    }

    private static boolean oneSite(Set<QuarantinedEvent> events) {
        return events.stream().map(QuarantinedEvent::siteId).distinct().count() == 1;
    }

    private void confirm(boolean releasing) {
        Set<QuarantinedEvent> selected = grid.getSelectedItems();
        if (selected.isEmpty() || !oneSite(selected)) {
            return;
        }
        UUID siteId = selected.iterator().next().siteId();
        List<UUID> ids = selected.stream().map(QuarantinedEvent::eventId).toList();
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(
                (releasing ? "Release " : "Delete ") + ids.size() + " event" + (ids.size() == 1 ? "" : "s") + "?");
        dialog.setText(
                releasing
                        ? "They join the event store as received now and reach profiles, models and experiments."
                        : "They are deleted for good; a resend with the same ids stays a duplicate.");
        dialog.setCancelable(true);
        dialog.setConfirmText(releasing ? "Release" : "Delete");
        dialog.setConfirmButtonTheme(releasing ? "primary" : "error primary");
        dialog.addConfirmListener(e -> {
            int n = releasing ? quarantine.release(siteId, ids) : quarantine.delete(siteId, ids);
            Notification.show(
                            (releasing ? "Released " : "Deleted ") + n + " event" + (n == 1 ? "" : "s"),
                            4000,
                            Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        });
        dialog.open();
    }
}
