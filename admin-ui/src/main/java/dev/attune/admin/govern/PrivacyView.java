package dev.attune.admin.govern;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.StreamResource;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.admin.components.PersonPicker;
import dev.attune.admin.components.Problems;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.admin.understand.IdentityView;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PrivacyRequest;
import dev.attune.identity.api.PrivacyService;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
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
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final int POLL_MILLIS = 3000;

    private final PrivacyService privacy;
    private final IdentityService identity;
    private final AuditLog audit;
    private final boolean admin = CurrentUser.hasRole(Roles.ADMIN);
    private final List<SiteSummary> sites;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<PrivacyRequest> grid = new Grid<>(PrivacyRequest.class, false);
    private final VerticalLayout detail = new VerticalLayout();
    /** The request on show, so a refresh redraws the detail only when it changed. */
    private PrivacyRequest shown;
    /** Some request is queued or running: the page polls. */
    private boolean busy;
    /** Set while the grid's items are replaced, so the momentary deselection does not clear the detail. */
    private boolean refreshing;
    private Registration polling;
    /** A person to open the "New request" dialog for once the page is shown ({@code privacy?person=<id>}). */
    private Person pending;

    /** One line of a receipt: rows of one kind in one module. */
    record ReceiptRow(String module, String kind, long rows) {
    }

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
            shown = null;
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
        Paragraph intro = new Paragraph("A person's right to their data: an export of everything every module holds about them, or an "
                + "erasure that deletes it in every module. Requests wait in a queue that processes them within seconds, at the latest "
                + "by their due date. Every step is audited; the receipt holds counts only.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);

        configureGrid();
        detail.setPadding(false);
        detail.setId("privacy-detail");
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
        event.getLocation().getQueryParameters().getSingleParameter("person").flatMap(Ids::uuid).flatMap(identity::person)
                .ifPresent(p -> {
                    sites.stream().filter(s -> s.id().equals(p.siteId())).findFirst().ifPresent(site::setValue);
                    pending = p;
                });
    }

    private void configureGrid() {
        grid.setId("privacy-grid");
        grid.addComponentColumn(r -> {
            Icon icon = ("erasure".equals(r.kind()) ? VaadinIcon.TRASH : VaadinIcon.DOWNLOAD_ALT).create();
            icon.setSize("var(--lumo-icon-size-s)");
            icon.getStyle().set("margin-right", "0.35em");
            return new Span(icon, new Text(r.kind()));
        }).setHeader("Kind").setAutoWidth(true).setFlexGrow(0).setComparator(PrivacyRequest::kind);
        grid.addComponentColumn(r -> personLink(r.personId())).setHeader("Person").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(r -> statusBadge(r.status())).setHeader("Status").setAutoWidth(true).setFlexGrow(0)
                .setComparator(PrivacyRequest::status);
        grid.addColumn(PrivacyRequest::requestedBy).setHeader("Requested by").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> time(r.requestedAt())).setHeader("Requested (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(PrivacyRequest::requestedAt);
        grid.addComponentColumn(r -> {
            Span due = new Span(time(r.dueAt()));
            if (overdue(r)) {
                due.setText(time(r.dueAt()) + " · overdue");
                due.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontWeight.SEMIBOLD);
            }
            return due;
        }).setHeader("Due (UTC)").setAutoWidth(true).setFlexGrow(0).setComparator(PrivacyRequest::dueAt);
        grid.addColumn(r -> time(r.finishedAt())).setHeader("Finished (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(PrivacyRequest::finishedAt);
        grid.addColumn(r -> r.error() == null ? "" : r.error()).setHeader("Error").setFlexGrow(1)
                .setTooltipGenerator(r -> r.error() == null ? "" : r.error());
        Grids.sortable(grid);
        grid.setEmptyStateText("No privacy requests on this site. When a person asks for their data or for it to be deleted, an admin "
                + "creates a request with \"New request\" (or POST /api/v1/admin/privacy/requests).");
        grid.addSelectionListener(e -> {
            if (!refreshing) {
                show(e.getFirstSelectedItem().orElse(null));
            }
        });
    }

    private UUID siteId() {
        return site.getValue() == null ? null : site.getValue().id();
    }

    private UUID selectedId() {
        return shown == null ? null : shown.id();
    }

    /** Reloads the requests, keeps this one selected (or clears the detail), and polls while any is queued or running. */
    private void refresh(UUID keep) {
        List<PrivacyRequest> list = siteId() == null ? List.of() : privacy.list(siteId(), 200);
        refreshing = true;
        try {
            grid.setItems(list);
            if (list.size() <= 10) {
                grid.setAllRowsVisible(true);
            } else {
                grid.setAllRowsVisible(false);
                grid.setHeight("22rem");
            }
            Optional<PrivacyRequest> again = list.stream().filter(r -> r.id().equals(keep)).findFirst();
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

    private void show(PrivacyRequest r) {
        if (r != null && r.equals(shown) && detail.getComponentCount() > 0) {
            return;
        }
        detail.removeAll();
        shown = r;
        if (r == null) {
            return;
        }
        H3 title = new H3(("erasure".equals(r.kind()) ? "Erasure" : "Export") + " of person " + Ids.shortId(r.personId()));
        title.setId("privacy-title");
        HorizontalLayout head = new HorizontalLayout(title, statusBadge(r.status()));
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);
        if (admin && ("queued".equals(r.status()) || "failed".equals(r.status()))) {
            Button process = new Button("Process now", VaadinIcon.PLAY.create(), e -> process(r));
            process.setId("privacy-process");
            process.addThemeVariants("erasure".equals(r.kind()) ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_PRIMARY);
            head.add(process);
        }
        if (admin && "export".equals(r.kind()) && "done".equals(r.status())) {
            head.add(download(r));
        }
        RouterLink person = new RouterLink("Open person", IdentityView.class);
        person.setQueryParameters(QueryParameters.of("person", r.personId().toString()));
        person.setId("privacy-open-person");
        person.setVisible(!("erasure".equals(r.kind()) && "done".equals(r.status())));
        head.add(person);

        Paragraph meta = new Paragraph("Request " + r.id() + " · person " + r.personId() + " · requested by " + r.requestedBy() + " on "
                + time(r.requestedAt()) + " UTC · due " + time(r.dueAt()) + " UTC" + (overdue(r) ? " (overdue)" : "")
                + (r.finishedAt() == null ? "" : " · finished " + time(r.finishedAt()) + " UTC"));
        meta.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        detail.add(head, meta);
        if (r.error() != null && !r.error().isBlank()) {
            Paragraph error = new Paragraph("The last attempt failed: " + r.error() + ". The queue tries again"
                    + (admin ? "; \"Process now\" tries at once." : "."));
            error.setId("privacy-error");
            error.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
            detail.add(error);
        }
        detail.add(new H4("Receipt"), receipt(r));
    }

    /** The receipt as module totals and a table of rows per module and kind, with the total. */
    private Component receipt(PrivacyRequest r) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        box.setId("privacy-receipt");
        if (r.receipt() == null || r.receipt().isBlank()) {
            Paragraph none = new Paragraph(switch (r.status()) {
                case "queued" -> "No receipt yet: the request waits in the queue (it is picked up within seconds, at the latest by "
                        + time(r.dueAt()) + " UTC).";
                case "running" -> "No receipt yet: the request is being processed.";
                case "failed" -> "No receipt: the request has not succeeded yet.";
                default -> "No receipt was recorded.";
            });
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            box.add(none);
            return box;
        }
        JsonObject root;
        try {
            root = JSON.createReader(new StringReader(r.receipt())).readObject();
        } catch (JsonException | IllegalStateException e) {
            box.add(new Pre(r.receipt()));
            return box;
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
        long total = root.get("rowsDeleted") instanceof JsonNumber n ? n.longValue() : rows.stream().mapToLong(ReceiptRow::rows).sum();
        boolean erasure = "erasure".equals(r.kind());
        String summary;
        if (erasure) {
            int subjects = root.get("subjects") instanceof JsonNumber n ? n.intValue() : 0;
            summary = "Deleted " + total + " row" + (total == 1 ? "" : "s") + " about " + subjects + " subject" + (subjects == 1 ? "" : "s")
                    + " in " + perModule.size() + " module" + (perModule.size() == 1 ? "" : "s") + "."
                    + (subjects == 0 ? " The person had no anonymous subjects any more (merged into another, or erased before)." : "");
        } else if (perModule.isEmpty()) {
            summary = "Nothing was exported: the person no longer existed (merged into another, or erased).";
        } else {
            summary = "Exported " + total + " row" + (total == 1 ? "" : "s") + " from " + perModule.size() + " module"
                    + (perModule.size() == 1 ? "" : "s") + (admin ? "; the document itself is kept 30 days." : ".");
        }
        Paragraph line = new Paragraph(summary);
        line.setId("privacy-receipt-summary");
        line.addClassNames(LumoUtility.Margin.Vertical.NONE);
        box.add(line);

        FlexLayout cards = new FlexLayout();
        cards.setId("privacy-receipt-modules");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-s)");
        perModule.forEach((module, n) -> cards.add(card(module, n + (erasure ? " deleted" : n == 1 ? " row" : " rows"))));
        box.add(cards);

        Grid<ReceiptRow> table = new Grid<>(ReceiptRow.class, false);
        table.setId("privacy-receipt-rows");
        table.setAllRowsVisible(true);
        table.setWidth("min(40rem, 100%)");
        table.addColumn(ReceiptRow::module).setHeader("Module").setAutoWidth(true).setFooter("Total");
        table.addColumn(ReceiptRow::kind).setHeader("Kind").setAutoWidth(true);
        table.addColumn(ReceiptRow::rows).setHeader(erasure ? "Rows deleted" : "Rows exported").setAutoWidth(true)
                .setTextAlign(com.vaadin.flow.component.grid.ColumnTextAlign.END).setFooter(String.valueOf(total));
        Grids.sortable(table);
        table.setItems(rows);
        table.setVisible(!rows.isEmpty());
        box.add(table);
        return box;
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
            out.write(doc.orElseGet(() -> JSON.createObjectBuilder().add("request", r.id().toString())
                    .add("note", "the export document is no longer kept").build().toString()).getBytes(StandardCharsets.UTF_8));
            if (doc.isPresent()) {
                audit.record("privacy.export.download", r.personId().toString(), AuditOutcome.SUCCESS,
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
        shown = null;
        refresh(r.id());
    }

    // ------------------------------------------------------------------ a new request

    private void openNew(Person preset) {
        if (siteId() == null) {
            return;
        }
        UUID siteId = siteId();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New privacy request on " + site.getValue().name());
        dialog.setWidth("min(42rem, 96vw)");
        PersonPicker picker = new PersonPicker(identity, audit, siteId, "privacy-person");
        if (preset != null) {
            picker.preset(preset);
        }
        RadioButtonGroup<String> kind = new RadioButtonGroup<>("Request");
        kind.setId("privacy-kind");
        kind.setItems("export", "erasure");
        kind.setItemLabelGenerator(k -> "export".equals(k) ? "Export: everything every module holds about them, as one JSON document"
                : "Erasure: delete everything about them, in every module");
        kind.addThemeVariants(com.vaadin.flow.component.radiobutton.RadioGroupVariant.LUMO_VERTICAL);
        kind.setValue("export");
        Checkbox understand = new Checkbox("I understand this deletes everything about this person in every module");
        understand.setId("privacy-understand");
        understand.setVisible(false);
        Checkbox now = new Checkbox("Process now");
        now.setId("privacy-now");
        now.setHelperText("Otherwise the queue picks it up within seconds, at the latest by the deadline.");
        Div errors = new Div();
        errors.setId("privacy-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        Button submit = new Button("Request export");
        submit.setId("privacy-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        kind.addValueChangeListener(e -> {
            boolean erasure = "erasure".equals(e.getValue());
            understand.setVisible(erasure);
            understand.setValue(false);
            submit.setText(erasure ? "Request erasure" : "Request export");
            submit.removeThemeVariants(ButtonVariant.LUMO_ERROR);
            if (erasure) {
                submit.addThemeVariants(ButtonVariant.LUMO_ERROR);
            }
            errors.setText("");
        });
        submit.addClickListener(e -> {
            errors.setText("");
            Optional<Person> person = picker.resolve();
            if (person.isEmpty()) {
                return;
            }
            boolean erasure = "erasure".equals(kind.getValue());
            if (erasure && !understand.getValue()) {
                errors.setText("Tick \"I understand…\" to request an erasure: it cannot be undone.");
                return;
            }
            PrivacyRequest r;
            try {
                r = erasure ? privacy.requestErasure(siteId, person.get().id()) : privacy.requestExport(siteId, person.get().id());
            } catch (RuntimeException ex) {
                errors.setText(Problems.describe(ex));
                Problems.show(ex);
                return;
            }
            dialog.close();
            if (now.getValue()) {
                try {
                    r = privacy.process(r.id());
                } catch (RuntimeException ex) {
                    Problems.show(ex);
                }
            }
            outcome(r);
            shown = null;
            refresh(r.id());
        });
        VerticalLayout form = new VerticalLayout(picker, kind, understand, now, errors);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), submit);
        dialog.open();
    }

    /** Says what became of a request just created or processed. */
    private static void outcome(PrivacyRequest r) {
        String what = ("erasure".equals(r.kind()) ? "Erasure" : "Export") + " of person " + Ids.shortId(r.personId());
        switch (r.status()) {
            case "done" -> notify(what + " done" + ("erasure".equals(r.kind()) ? ": see the receipt" : ": ready to download"),
                    NotificationVariant.LUMO_SUCCESS);
            case "failed" -> notify(what + " failed: " + r.error() + " (the queue tries again)", NotificationVariant.LUMO_ERROR);
            case "running" -> notify(what + " is being processed", NotificationVariant.LUMO_CONTRAST);
            default -> notify(what + " queued; due " + time(r.dueAt()) + " UTC", NotificationVariant.LUMO_SUCCESS);
        }
    }

    // ------------------------------------------------------------------ small helpers

    private static void notify(String message, NotificationVariant variant) {
        Notification.show(message, variant == NotificationVariant.LUMO_ERROR ? 8000 : 4000, Notification.Position.BOTTOM_START)
                .addThemeVariants(variant);
    }

    private static Span statusBadge(String status) {
        return Badges.badge(status, switch (Objects.requireNonNullElse(status, "")) {
            case "done" -> "success";
            case "failed" -> "error";
            case "queued" -> "contrast";
            default -> "";
        });
    }

    private static RouterLink personLink(UUID personId) {
        RouterLink link = new RouterLink(Ids.shortId(personId), IdentityView.class);
        link.setQueryParameters(QueryParameters.of("person", personId.toString()));
        link.getElement().setAttribute("title", personId.toString());
        return link;
    }

    private static Component card(String label, String value) {
        Span v = new Span(value);
        v.addClassNames(LumoUtility.FontSize.LARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span l = new Span(label);
        l.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div card = new Div(l, new Div(v));
        card.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.CONTRAST_5);
        card.setMinWidth("8rem");
        return card;
    }

    private static boolean overdue(PrivacyRequest r) {
        return !"done".equals(r.status()) && r.dueAt() != null && r.dueAt().isBefore(Instant.now());
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }
}
