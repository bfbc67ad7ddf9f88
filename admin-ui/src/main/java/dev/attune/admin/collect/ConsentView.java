package dev.attune.admin.collect;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Grids;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.ConsentEntry;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** A subject's consent now, purpose by purpose, and every change in the append-only ledger. Looking is audited. */
@Route(value = "consent", layout = MainLayout.class)
@PageTitle("Consent ledger · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class ConsentView extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ConsentService consent;
    private final AuditLog audit;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final TextField subject = new TextField("Subject");
    private final HorizontalLayout purposes = new HorizontalLayout();
    private final Grid<ConsentEntry> ledger = new Grid<>(ConsentEntry.class, false);

    @Inject
    public ConsentView(SiteService sites, ConsentService consent, AuditLog audit) {
        this.consent = consent;
        this.audit = audit;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
        subject.setPlaceholder("anonymous or user id");
        subject.setId("consent-subject");
        subject.addKeyPressListener(Key.ENTER, e -> lookUp());
        Button lookUp = new Button("Look up", e -> lookUp());
        lookUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        lookUp.setId("consent-look-up");
        HorizontalLayout bar = new HorizontalLayout(site, subject, lookUp);
        bar.setAlignItems(Alignment.BASELINE);
        configureLedger();
        purposes.setId("consent-purposes");
        add(new H2("Consent ledger"), bar, purposes, ledger);
    }

    private void configureLedger() {
        ledger.setId("consent-ledger");
        ledger.addColumn(e -> TIME.format(e.recordedAt()))
                .setHeader("Recorded (UTC)")
                .setAutoWidth(true)
                .setComparator(ConsentEntry::recordedAt);
        ledger.addColumn(e -> e.purpose().wireName()).setHeader("Purpose").setAutoWidth(true);
        ledger.addColumn(e -> e.granted() ? "granted" : "withdrawn")
                .setHeader("Choice")
                .setAutoWidth(true);
        ledger.addColumn(ConsentEntry::source).setHeader("Source").setAutoWidth(true);
        ledger.addColumn(e -> e.policyVersion() == null ? "" : e.policyVersion())
                .setHeader("Policy version")
                .setAutoWidth(true);
        Grids.sortable(ledger);
        ledger.setEmptyStateText("Choose a site and a subject to see their consent history.");
    }

    private void lookUp() {
        String id = subject.getValue() == null ? "" : subject.getValue().strip();
        if (site.getValue() == null || id.isEmpty()) {
            subject.setInvalid(id.isEmpty());
            subject.setErrorMessage("Enter a subject id");
            return;
        }
        subject.setInvalid(false);
        ConsentState state = consent.current(site.getValue().id(), id);
        List<ConsentEntry> history = consent.history(site.getValue().id(), id);
        audit.record(
                "consent.view",
                site.getValue().id() + "/" + id,
                AuditOutcome.SUCCESS,
                Map.of("entries", history.size()));
        purposes.removeAll();
        for (Purpose p : Purpose.values()) {
            boolean granted = state.allows(p);
            String how = p == Purpose.NECESSARY ? " (always)" : state.chosen().containsKey(p) ? "" : " (default)";
            Span badge = new Span(p.wireName() + how);
            badge.getElement().setAttribute("title", granted ? "granted" : "not granted");
            badge.getStyle()
                    .set("background", granted ? "var(--lumo-success-color-10pct)" : "var(--lumo-error-color-10pct)")
                    .set("color", granted ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)")
                    .set("border-radius", "var(--lumo-border-radius-l)")
                    .set("padding", "0.2em 0.7em");
            badge.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.FontWeight.MEDIUM);
            purposes.add(badge);
        }
        ledger.setItems(history);
        if (history.isEmpty()) {
            ledger.setEmptyStateText("No recorded choice: the site's default applies ("
                    + site.getValue().consentMode().wireName() + " consent).");
        }
    }
}
