package dev.attune.admin.govern;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Ids;
import dev.attune.admin.components.PersonPicker;
import dev.attune.admin.components.Problems;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PrivacyRequest;
import dev.attune.identity.api.PrivacyService;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Privacy requests of a site: exports and erasures of a person across every module, their status against the
 * deadline, and each one's receipt (rows exported or deleted per module and kind; counts only, never the person's
 * data). Admins create requests, process them at once instead of waiting for the queue, and download finished exports;
 * auditors only look. While a request is queued or running the page refreshes itself every 3 s.
 */
@Route(value = "privacy", layout = MainLayout.class)
@PageTitle("Privacy requests · Attune")
@RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
public class PrivacyView extends VerticalLayout implements BeforeEnterObserver {
    private static final int POLL_MILLIS = 3000;

    private final PrivacyService privacy;
    private final IdentityService identity;
    private final AuditLog audit;
    private final boolean admin = CurrentUser.hasRole(Roles.ADMIN);
    private final List<SiteSummary> sites;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final PrivacyRequestsGrid grid = new PrivacyRequestsGrid();
    private final PrivacyRequestPanel detail = new PrivacyRequestPanel(admin);
    /** Some request is queued or running: the page polls. */
    private boolean busy;
    /** Set while the grid's items are replaced, so the momentary deselection does not clear the detail. */
    private boolean refreshing;

    private Registration polling;
    /** A person to open the "New request" dialog for once the page is shown ({@code privacy?person=<id>}). */
    private Person pending;

    @Inject
    public PrivacyView(SiteService siteService, PrivacyService privacy, IdentityService identity, AuditLog audit) {
        this.privacy = privacy;
        this.identity = identity;
        this.audit = audit;
        setSizeFull();
        sites = siteService.listSites();
        site.setItems(sites);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.setId("privacy-site");
        site.addValueChangeListener(e -> {
            detail.forget();
            refresh(null);
        });
        Button create = new Button("New request", VaadinIcon.PLUS.create(), e -> openNew(null));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("privacy-new");
        create.setVisible(admin);
        Button reload = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh(selectedId()));
        reload.setId("privacy-refresh");
        HorizontalLayout bar = new HorizontalLayout(site, create, reload);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        Paragraph intro = new Paragraph(
                "A person's right to their data: an export of everything every module holds about them, or an "
                        + "erasure that deletes it in every module. Requests wait in a queue that processes them within seconds, at the latest "
                        + "by their due date. Every step is audited; the receipt holds counts only.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);

        grid.addSelectionListener(e -> {
            if (!refreshing) {
                show(e.getFirstSelectedItem().orElse(null));
            }
        });
        detail.addProcessListener(e -> process(e.request()));
        add(new H2("Privacy requests"), intro, bar, grid, detail);
        if (!sites.isEmpty()) {
            site.setValue(sites.get(0));
        }
    }

    /** {@code privacy?person=<id>} (from a person's page) opens "New request" for that person, on their site. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!admin) {
            return;
        }
        event.getLocation()
                .getQueryParameters()
                .getSingleParameter("person")
                .flatMap(Ids::uuid)
                .flatMap(identity::person)
                .ifPresent(p -> {
                    sites.stream()
                            .filter(s -> s.id().equals(p.siteId()))
                            .findFirst()
                            .ifPresent(site::setValue);
                    pending = p;
                });
    }

    private UUID siteId() {
        return site.getValue() == null ? null : site.getValue().id();
    }

    private UUID selectedId() {
        return detail.shown() == null ? null : detail.shown().id();
    }

    /** Reloads the requests, keeps this one selected (or clears the detail), and polls while any is queued or running. */
    private void refresh(UUID keep) {
        List<PrivacyRequest> list = siteId() == null ? List.of() : privacy.list(siteId(), 200);
        refreshing = true;
        try {
            grid.setItems(list);
            grid.fit(list.size());
            Optional<PrivacyRequest> again =
                    list.stream().filter(r -> r.id().equals(keep)).findFirst();
            again.ifPresent(grid::select);
            show(again.orElse(null));
        } finally {
            refreshing = false;
        }
        busy = list.stream().anyMatch(r -> "queued".equals(r.status()) || "running".equals(r.status()));
        getUI().ifPresent(ui -> ui.setPollInterval(busy ? POLL_MILLIS : -1));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        polling = event.getUI().addPollListener(e -> {
            if (busy) {
                refresh(selectedId());
            }
        });
        event.getUI().setPollInterval(busy ? POLL_MILLIS : -1);
        if (pending != null) {
            Person p = pending;
            pending = null;
            openNew(p);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        super.onDetach(event);
    }

    // ------------------------------------------------------------------ one request

    /** Shows the request (unless it is on show as it is: the download link asks whether the document is still kept). */
    private void show(PrivacyRequest r) {
        if (!detail.showing(r)) {
            detail.show(
                    r,
                    r != null && admin && "export".equals(r.kind()) && "done".equals(r.status()) ? download(r) : null);
        }
    }

    /** "Download export": the export document as a JSON file (audited, like the admin API's download). */
    private Component download(PrivacyRequest r) {
        if (privacy.document(r.id()).isEmpty()) {
            Span gone = new Span("The export document is no longer kept (30 days); request a new export.");
            gone.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            return gone;
        }
        StreamResource resource = new StreamResource("attune-export-" + r.personId() + ".json", (out, session) -> {
            Optional<String> doc = privacy.document(r.id());
            out.write(doc.orElseGet(() -> JSON.createObjectBuilder()
                            .add("request", r.id().toString())
                            .add("note", "the export document is no longer kept")
                            .build()
                            .toString())
                    .getBytes(StandardCharsets.UTF_8));
            if (doc.isPresent()) {
                audit.record(
                        "privacy.export.download",
                        r.personId().toString(),
                        AuditOutcome.SUCCESS,
                        Map.of("request", r.id().toString(), "via", "console"));
            }
        });
        resource.setContentType("application/json");
        Button button = new Button("Download export", VaadinIcon.DOWNLOAD.create());
        button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Anchor anchor = new Anchor(resource, "");
        anchor.getElement().setAttribute("download", true);
        anchor.setId("privacy-download");
        anchor.add(button);
        return anchor;
    }

    private void process(PrivacyRequest r) {
        try {
            PrivacyRequest after = privacy.process(r.id());
            outcome(after);
        } catch (RuntimeException ex) {
            Problems.show(ex);
        }
        detail.forget();
        refresh(r.id());
    }

    // ------------------------------------------------------------------ a new request

    private void openNew(Person preset) {
        if (siteId() == null) {
            return;
        }
        PersonPicker picker = new PersonPicker(identity, audit, siteId(), "privacy-person");
        if (preset != null) {
            picker.preset(preset);
        }
        PrivacyRequestForm form = new PrivacyRequestForm(site.getValue().name(), picker);
        form.addSubmitListener(this::submit);
        form.addCloseListener(e -> form.close());
        form.open();
    }

    private void submit(PrivacyRequestForm.SubmitEvent e) {
        UUID siteId = siteId();
        PrivacyRequest r;
        try {
            r = e.erasure()
                    ? privacy.requestErasure(siteId, e.person().id())
                    : privacy.requestExport(siteId, e.person().id());
        } catch (RuntimeException ex) {
            e.getSource().showRefusal(ex);
            Problems.show(ex);
            return;
        }
        e.getSource().close();
        if (e.processNow()) {
            try {
                r = privacy.process(r.id());
            } catch (RuntimeException ex) {
                Problems.show(ex);
            }
        }
        outcome(r);
        detail.forget();
        refresh(r.id());
    }

    /** Says what became of a request just created or processed. */
    private static void outcome(PrivacyRequest r) {
        String what = ("erasure".equals(r.kind()) ? "Erasure" : "Export") + " of person " + Ids.shortId(r.personId());
        switch (r.status()) {
            case "done" ->
                notify(
                        what + " done" + ("erasure".equals(r.kind()) ? ": see the receipt" : ": ready to download"),
                        NotificationVariant.LUMO_SUCCESS);
            case "failed" ->
                notify(what + " failed: " + r.error() + " (the queue tries again)", NotificationVariant.LUMO_ERROR);
            case "running" -> notify(what + " is being processed", NotificationVariant.LUMO_CONTRAST);
            default ->
                notify(
                        what + " queued; due " + PrivacyRequestsGrid.time(r.dueAt()) + " UTC",
                        NotificationVariant.LUMO_SUCCESS);
        }
    }

    // ------------------------------------------------------------------ small helpers

    private static void notify(String message, NotificationVariant variant) {
        Notification.show(
                        message,
                        variant == NotificationVariant.LUMO_ERROR ? 8000 : 4000,
                        Notification.Position.BOTTOM_START)
                .addThemeVariants(variant);
    }
}
