package dev.attune.admin.understand;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.admin.components.PersonPicker;
import dev.attune.admin.components.Problems;
import dev.attune.admin.govern.PrivacyView;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.Conflict;
import dev.attune.identity.api.Edge;
import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.IdentifierRef;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PersonGraph;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The identity graph of a site: look a person up by any identifier, or pick one of the recently changed persons or
 * conflicts. A person shows their identifiers and links drawn as a graph, the links one by one (each can be removed:
 * "unmerge"), their identifiers, and the history of merges, unmerges and flags. Analysts and admins merge persons by
 * hand and resolve conflicts; auditors only look. Looking a person up and opening one are audited.
 */
@Route(value = "identity", layout = MainLayout.class)
@PageTitle("Identity · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class IdentityView extends VerticalLayout implements BeforeEnterObserver {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Beyond this many identifiers the graph draws the oldest ones only (a shared device can have thousands). */
    private static final int MAX_NODES = 300;
    private static final String OPEN = "Open";
    private static final String ALL = "All";

    private final IdentityService identity;
    private final AuditLog audit;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final boolean admin = CurrentUser.hasRole(Roles.ADMIN);
    private final List<SiteSummary> sites;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Select<IdentifierKind> kind = PersonPicker.kindSelect();
    private final TextField value = new TextField("Identifier");
    private final Grid<Person> recent = new Grid<>(Person.class, false);
    private final Grid<Conflict> conflicts = new Grid<>(Conflict.class, false);
    private final RadioButtonGroup<String> conflictScope = new RadioButtonGroup<>();
    private final Span conflictsLabel = new Span("Conflicts");
    private final TabSheet tabs = new TabSheet();
    private final VerticalLayout detail = new VerticalLayout();

    @Inject
    public IdentityView(SiteService siteService, IdentityService identity, AuditLog audit) {
        this.identity = identity;
        this.audit = audit;
        setSizeFull();
        sites = siteService.listSites();
        site.setItems(sites);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.setId("identity-site");
        site.addValueChangeListener(e -> refresh());
        kind.setId("identity-kind");
        kind.addValueChangeListener(e -> value.setPlaceholder(PersonPicker.example(e.getValue())));
        value.setId("identity-value");
        value.setWidth("20rem");
        value.setPlaceholder(PersonPicker.example(kind.getValue()));
        value.setClearButtonVisible(true);
        value.addKeyPressListener(Key.ENTER, e -> search());
        Button search = new Button("Search", VaadinIcon.SEARCH.create(), e -> search());
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.setId("identity-search");
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> refreshLists());
        reload.setTooltipText("Reload");
        reload.setAriaLabel("Reload");
        HorizontalLayout bar = new HorizontalLayout(site, kind, value, search, reload);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);

        configureRecent();
        configureConflicts();
        tabs.setWidthFull();
        tabs.setId("identity-tabs");
        tabs.add("Recently changed persons", recent);
        Paragraph aboutConflicts = new Paragraph("A conflict is a merge the graph refused because both persons carry different user ids, "
                + "or a person grown so large that it is likely a shared device. Open the persons, merge or unmerge by hand if needed, "
                + "then mark the conflict resolved.");
        aboutConflicts.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        VerticalLayout conflictsTab = new VerticalLayout(new HorizontalLayout(conflictScope), aboutConflicts, conflicts);
        conflictsTab.setPadding(false);
        tabs.add(new Tab(conflictsLabel), conflictsTab);

        detail.setPadding(false);
        detail.setId("identity-detail");
        add(new H2("Identity"), bar, tabs, detail);
        if (!sites.isEmpty()) {
            site.setValue(sites.get(0));
        }
    }

    /** {@code identity?person=<id>} opens that person (links from the privacy requests). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("person").flatMap(Ids::uuid).ifPresent(id -> {
            Optional<Person> p = identity.person(id);
            p.flatMap(x -> sites.stream().filter(s -> s.id().equals(x.siteId())).findFirst()).ifPresent(site::setValue);
            open(id, null);
        });
    }

    private void configureRecent() {
        recent.setId("identity-persons");
        recent.setHeight("20rem");
        recent.addColumn(p -> Ids.shortId(p.id())).setHeader("Person").setAutoWidth(true).setFlexGrow(0);
        recent.addColumn(Person::identifiers).setHeader("Identifiers").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        recent.addColumn(p -> p.subjects().isEmpty() ? "—" : p.subjects().size() + " · " + p.subjects().get(0)
                + (p.subjects().size() > 1 ? ", …" : "")).setHeader("Subjects").setFlexGrow(1).setComparator(p -> p.subjects().size());
        recent.addComponentColumn(p -> p.sharedDevice() ? Badges.badge("shared device", "error") : new Span()).setHeader("Flags")
                .setAutoWidth(true).setFlexGrow(0).setComparator(Person::sharedDevice);
        recent.addColumn(p -> TIME.format(p.createdAt())).setHeader("Created (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Person::createdAt);
        recent.addColumn(p -> TIME.format(p.updatedAt())).setHeader("Updated (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Person::updatedAt);
        Grids.sortable(recent);
        recent.setEmptyStateText("No persons yet: identities appear when the widget calls attune.identify or a server calls "
                + "POST /api/v1/identify.");
        recent.addItemClickListener(e -> open(e.getItem().id(), null));
    }

    private void configureConflicts() {
        conflictScope.setItems(OPEN, ALL);
        conflictScope.setValue(OPEN);
        conflictScope.setId("identity-conflict-scope");
        conflictScope.addValueChangeListener(e -> refreshConflicts());
        conflicts.setId("identity-conflicts");
        conflicts.setHeight("20rem");
        conflicts.addComponentColumn(c -> switch (c.kind()) {
            case "user_ids" -> Badges.badge("two user ids", "error");
            case "shared_device" -> Badges.badge("shared device", "contrast");
            default -> Badges.badge(c.kind(), "contrast");
        }).setHeader("Kind").setAutoWidth(true).setFlexGrow(0).setComparator(Conflict::kind);
        conflicts.addComponentColumn(c -> personLink(c.personId())).setHeader("Person").setAutoWidth(true).setFlexGrow(0);
        conflicts.addComponentColumn(c -> c.otherPerson() == null ? new Span("—") : personLink(c.otherPerson())).setHeader("Other")
                .setAutoWidth(true).setFlexGrow(0);
        conflicts.addColumn(Conflict::source).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
        conflicts.addColumn(Conflict::detail).setHeader("Detail").setFlexGrow(1);
        conflicts.addColumn(c -> TIME.format(c.createdAt())).setHeader("Created (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Conflict::createdAt);
        conflicts.addColumn(c -> c.resolvedAt() == null ? "open" : "resolved by " + c.resolvedBy() + ", " + TIME.format(c.resolvedAt()))
                .setHeader("Status").setAutoWidth(true).setFlexGrow(0).setComparator(Conflict::resolvedAt);
        if (canEdit) {
            conflicts.addComponentColumn(c -> {
                if (c.resolvedAt() != null) {
                    return new Span();
                }
                Button resolve = new Button("Resolve", VaadinIcon.CHECK.create(), e -> resolve(c));
                resolve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                resolve.setId("identity-conflict-resolve-" + c.id());
                return resolve;
            }).setAutoWidth(true).setFlexGrow(0);
        }
        Grids.sortable(conflicts);
    }

    private UUID siteId() {
        return site.getValue() == null ? null : site.getValue().id();
    }

    private void refresh() {
        detail.removeAll();
        refreshLists();
    }

    private void refreshLists() {
        recent.setItems(siteId() == null ? List.of() : identity.recent(siteId(), 200));
        refreshConflicts();
    }

    private void refreshConflicts() {
        boolean openOnly = OPEN.equals(conflictScope.getValue());
        List<Conflict> list = siteId() == null ? List.of() : identity.conflicts(siteId(), openOnly, 200);
        conflicts.setItems(list);
        conflicts.setEmptyStateText(openOnly ? "No open conflicts: merges refused because of two different user ids, and persons that "
                + "are likely shared devices, appear here." : "No conflicts on this site yet.");
        long open = openOnly ? list.size() : list.stream().filter(c -> c.resolvedAt() == null).count();
        conflictsLabel.setText(open == 0 ? "Conflicts" : "Conflicts (" + open + (open == 200 && openOnly ? "+" : "") + " open)");
    }

    private void resolve(Conflict c) {
        try {
            identity.resolveConflict(siteId(), c.id());
            ok("Conflict " + c.id() + " marked resolved");
        } catch (RuntimeException ex) {
            Problems.show(ex);
        }
        refreshConflicts();
    }

    private void search() {
        String v = value.getValue() == null ? "" : value.getValue().strip();
        if (siteId() == null || kind.getValue() == null || v.isEmpty()) {
            value.setErrorMessage("Enter an identifier to search for");
            value.setInvalid(v.isEmpty());
            return;
        }
        value.setInvalid(false);
        Optional<Person> found;
        try {
            found = identity.lookup(siteId(), new IdentifierRef(kind.getValue(), v));
        } catch (RuntimeException ex) {
            Problems.show(ex);
            return;
        }
        if (found.isEmpty()) {
            detail.removeAll();
            Paragraph none = new Paragraph("No person has this " + kind.getValue().wireName() + " on " + site.getValue().name()
                    + ". Check the kind (an email is not a user id) and the value; identifiers are only known once the widget or a "
                    + "server has sent them with identify or alias.");
            none.setId("identity-none");
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            detail.add(none);
            return;
        }
        audit.record("identity.lookup", found.get().id().toString(), AuditOutcome.SUCCESS,
                Map.of("kind", kind.getValue().wireName(), "via", "console"));
        open(found.get().id(), null);
    }

    // ------------------------------------------------------------------ one person

    /** Shows a person (audited), with a notice above it when given (e.g. the outcome of an unmerge). */
    private void open(UUID personId, Component notice) {
        detail.removeAll();
        Optional<PersonGraph> g = identity.graph(personId);
        if (g.isEmpty()) {
            Paragraph gone = new Paragraph("No person " + personId + ": it was merged into another person, or erased.");
            gone.setId("identity-none");
            gone.addClassNames(LumoUtility.TextColor.SECONDARY);
            detail.add(gone);
            return;
        }
        audit.record("identity.read", personId.toString(), AuditOutcome.SUCCESS, Map.of("via", "console"));
        if (notice != null) {
            detail.add(notice);
        }
        render(g.get());
        detail.scrollIntoView();
    }

    private void render(PersonGraph g) {
        Person p = g.person();
        H3 title = new H3("Person " + Ids.shortId(p.id()));
        title.setId("identity-title");
        Span count = Badges.badge(p.identifiers() + " identifier" + (p.identifiers() == 1 ? "" : "s"), "contrast");
        Span shared = Badges.badge("likely shared device", "error");
        shared.setVisible(p.sharedDevice());
        shared.setTitle("More identifiers than a person usually has: merges into it are suspect.");
        Button merge = new Button("Merge with…", VaadinIcon.CONNECT.create(), e -> openMerge(p));
        merge.setId("identity-merge");
        merge.setVisible(canEdit);
        RouterLink privacy = new RouterLink("Privacy request…", PrivacyView.class);
        privacy.setQueryParameters(QueryParameters.of("person", p.id().toString()));
        privacy.setId("identity-privacy");
        privacy.setVisible(admin);
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> open(p.id(), null));
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reload.setTooltipText("Reload this person");
        reload.setAriaLabel("Reload this person");
        HorizontalLayout head = new HorizontalLayout(title, count, shared, merge, privacy, reload);
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);
        Paragraph meta = new Paragraph(p.id() + " · created " + TIME.format(p.createdAt()) + " UTC · updated " + TIME.format(p.updatedAt())
                + " UTC · subjects: " + (p.subjects().isEmpty() ? "none" : String.join(", ", p.subjects().stream().limit(5).toList())
                + (p.subjects().size() > 5 ? " and " + (p.subjects().size() - 5) + " more" : "")));
        meta.setId("identity-meta");
        meta.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        detail.add(head, meta);

        EChart chart = new EChart();
        chart.setId("identity-graph");
        chart.setHeight("380px");
        chart.setOption(graphChart(g));
        Paragraph legend = new Paragraph("Each node is an identifier, each line a link with where it came from and how sure it is "
                + "(dashed: less than certain). Drag nodes, scroll to zoom, drag the background to pan."
                + (g.identifiers().size() > MAX_NODES ? " Only the oldest " + MAX_NODES + " of " + g.identifiers().size()
                + " identifiers are drawn." : ""));
        legend.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        Div box = new Div(chart);
        box.setWidthFull();
        box.addClassNames(LumoUtility.Border.ALL, LumoUtility.BorderColor.CONTRAST_10, LumoUtility.BorderRadius.MEDIUM);
        detail.add(new H4("Graph"), box, legend);

        Map<Long, Identifier> byId = new HashMap<>();
        g.identifiers().forEach(i -> byId.put(i.id(), i));
        detail.add(new H4("Links"), links(g, byId), new H4("Identifiers"), identifiers(g), new H4("History"), history(g));
    }

    private Grid<Edge> links(PersonGraph g, Map<Long, Identifier> byId) {
        Grid<Edge> grid = new Grid<>(Edge.class, false);
        grid.setId("identity-links");
        grid.addColumn(e -> "#" + e.id()).setHeader("Link").setAutoWidth(true).setFlexGrow(0).setComparator(Edge::id);
        grid.addColumn(e -> describe(byId.get(e.a()))).setHeader("From").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(e -> describe(byId.get(e.b()))).setHeader("To").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(Edge::source).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> confidence(e.confidence())).setHeader("Confidence").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Edge::confidence);
        grid.addColumn(Edge::createdBy).setHeader("Created by").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> TIME.format(e.createdAt())).setHeader("Created (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Edge::createdAt);
        if (canEdit) {
            grid.addComponentColumn(e -> {
                Button unmerge = new Button("Unmerge", VaadinIcon.UNLINK.create(), click -> confirmUnmerge(g.person(), e, byId));
                unmerge.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                unmerge.setId("identity-unmerge-" + e.id());
                return unmerge;
            }).setAutoWidth(true).setFlexGrow(0);
        }
        Grids.sortable(grid);
        grid.setItems(g.edges());
        fit(grid, g.edges().size());
        grid.setEmptyStateText("No links: this person is a single identifier.");
        return grid;
    }

    private Grid<Identifier> identifiers(PersonGraph g) {
        Grid<Identifier> grid = new Grid<>(Identifier.class, false);
        grid.setId("identity-identifiers");
        grid.addComponentColumn(i -> kindLabel(i.kind())).setHeader("Kind").setAutoWidth(true).setFlexGrow(0)
                .setComparator(i -> i.kind().wireName());
        grid.addColumn(Identifier::hint).setHeader("Value (masked)").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(i -> i.subject() == null ? "" : i.subject()).setHeader("Subject").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(i -> TIME.format(i.firstSeen())).setHeader("First seen (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Identifier::firstSeen);
        grid.addColumn(i -> TIME.format(i.lastSeen())).setHeader("Last seen (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Identifier::lastSeen);
        Grids.sortable(grid);
        grid.setItems(g.identifiers());
        fit(grid, g.identifiers().size());
        return grid;
    }

    private Grid<PersonGraph.HistoryEntry> history(PersonGraph g) {
        UUID self = g.person().id();
        Grid<PersonGraph.HistoryEntry> grid = new Grid<>(PersonGraph.HistoryEntry.class, false);
        grid.setId("identity-history");
        grid.addColumn(h -> FULL.format(h.at())).setHeader("When (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(PersonGraph.HistoryEntry::at);
        grid.addComponentColumn(h -> Badges.badge(h.action(), switch (h.action()) {
            case "merge" -> "success";
            case "flag" -> "error";
            default -> "contrast";
        })).setHeader("Action").setAutoWidth(true).setFlexGrow(0).setComparator(PersonGraph.HistoryEntry::action);
        grid.addComponentColumn(h -> {
            UUID other = self.equals(h.personId()) ? h.otherPerson() : h.personId();
            return other == null ? new Span("—") : personLink(other);
        }).setHeader("Other person").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(h -> h.edgeId() == null ? "" : "#" + h.edgeId()).setHeader("Link").setAutoWidth(true).setFlexGrow(0)
                .setComparator(PersonGraph.HistoryEntry::edgeId);
        grid.addColumn(PersonGraph.HistoryEntry::actor).setHeader("Actor").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(h -> h.detail() == null ? "" : h.detail()).setHeader("Detail").setFlexGrow(1);
        Grids.sortable(grid);
        grid.setItems(g.history());
        fit(grid, g.history().size());
        grid.setEmptyStateText("No merges or unmerges yet: this person was always one identifier, or grew by links within itself.");
        return grid;
    }

    private void confirmUnmerge(Person p, Edge e, Map<Long, Identifier> byId) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Remove link #" + e.id() + "?");
        Paragraph what = new Paragraph(describe(byId.get(e.a())) + " ↔ " + describe(byId.get(e.b())) + " (" + e.source() + ", confidence "
                + confidence(e.confidence()) + ", by " + e.createdBy() + ")");
        what.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        Paragraph how = new Paragraph("Removing this link splits the person if nothing else connects them; the part it merged in gets "
                + "its old person id back. What other modules keep per person follows the split. The link stays in the history.");
        confirm.setText(new Div(what, how));
        confirm.setCancelable(true);
        confirm.setConfirmText("Remove link");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(ok -> unmerge(p, e));
        confirm.open();
    }

    private void unmerge(Person p, Edge e) {
        List<Person> after;
        try {
            after = identity.unmerge(siteId(), e.id());
        } catch (RuntimeException ex) {
            Problems.show(ex);
            open(p.id(), null);
            return;
        }
        refreshLists();
        if (after.size() < 2) {
            ok("Link #" + e.id() + " removed; the person stays connected through other links");
            open(after.isEmpty() ? p.id() : after.get(0).id(), null);
            return;
        }
        ok("Link #" + e.id() + " removed: the person split in two");
        Div notice = new Div(new Span("Link #" + e.id() + " removed. The person split into: "));
        notice.setId("identity-split");
        notice.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.FontSize.SMALL);
        notice.getStyle().set("background", "var(--lumo-success-color-10pct)");
        for (Person part : after) {
            Button b = new Button(PersonPicker.summary(part), click -> open(part.id(), null));
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
            b.getStyle().set("margin-right", "var(--lumo-space-m)");
            notice.add(b);
        }
        open(after.get(0).id(), notice);
    }

    private void openMerge(Person p) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Merge person " + Ids.shortId(p.id()) + " with…");
        dialog.setWidth("min(40rem, 96vw)");
        Paragraph about = new Paragraph("The two persons become one (the smaller joins the larger) through a link between their oldest "
                + "identifiers, with source \"console\". Two different user ids never merge: such a merge is refused. "
                + "A wrong merge is undone by unmerging that link.");
        about.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        PersonPicker other = new PersonPicker(identity, audit, siteId(), "identity-merge");
        Div errors = new Div();
        errors.setId("identity-merge-errors");
        errors.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        Button merge = new Button("Merge", VaadinIcon.CONNECT.create(), e -> {
            errors.setText("");
            Optional<Person> b = other.resolve();
            if (b.isEmpty()) {
                return;
            }
            if (b.get().id().equals(p.id())) {
                errors.setText("That is this person.");
                return;
            }
            try {
                Person merged = identity.merge(siteId(), p.id(), b.get().id());
                dialog.close();
                ok("Merged: person " + Ids.shortId(merged.id()) + " now has " + merged.identifiers() + " identifiers");
                refreshLists();
                open(merged.id(), null);
            } catch (RuntimeException ex) {
                errors.setText(Problems.describe(ex));
                Problems.show(ex);
            }
        });
        merge.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        merge.setId("identity-merge-confirm");
        dialog.add(about, other, errors);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), merge);
        dialog.open();
    }

    // ------------------------------------------------------------------ the graph drawing

    /**
     * The person's graph for ECharts: a node per identifier labelled "kind: hint" and coloured by kind (one legend entry
     * per kind present), a line per live link labelled with its source and confidence (dashed below 1), force layout,
     * zoom and pan. Large persons draw their oldest {@value #MAX_NODES} identifiers, without labels until hovered.
     */
    static JsonObject graphChart(PersonGraph g) {
        List<Identifier> nodes = g.identifiers().stream().limit(MAX_NODES).toList();
        Set<Long> drawn = new HashSet<>();
        Set<String> present = new LinkedHashSet<>();
        JsonArrayBuilder categories = JSON.createArrayBuilder();
        for (IdentifierKind k : PersonPicker.KINDS) {
            categories.add(JSON.createObjectBuilder().add("name", k.wireName()).add("itemStyle", JSON.createObjectBuilder().add("color", color(k))));
        }
        JsonArrayBuilder data = JSON.createArrayBuilder();
        for (Identifier i : nodes) {
            drawn.add(i.id());
            String name = i.kind().wireName() + ": " + i.hint();
            data.add(JSON.createObjectBuilder().add("id", String.valueOf(i.id())).add("name", name)
                    .add("category", PersonPicker.KINDS.indexOf(i.kind()))
                    .add("symbolSize", i.kind() == IdentifierKind.USER ? 26 : i.kind() == IdentifierKind.ANONYMOUS ? 14 : 18)
                    .add("label", JSON.createObjectBuilder().add("formatter", literal(name.length() > 32 ? name.substring(0, 31) + "…" : name))));
        }
        PersonPicker.KINDS.stream().filter(k -> nodes.stream().anyMatch(i -> i.kind() == k)).forEach(k -> present.add(k.wireName()));
        JsonArrayBuilder links = JSON.createArrayBuilder();
        int linkCount = 0;
        for (Edge e : g.edges()) {
            if (!drawn.contains(e.a()) || !drawn.contains(e.b())) {
                continue;
            }
            linkCount++;
            links.add(JSON.createObjectBuilder().add("source", String.valueOf(e.a())).add("target", String.valueOf(e.b()))
                    .add("value", Math.round(e.confidence() * 100) / 100.0)
                    .add("label", JSON.createObjectBuilder().add("formatter", literal(e.source() + " · " + confidence(e.confidence()))))
                    .add("lineStyle", JSON.createObjectBuilder().add("width", 1 + 2 * e.confidence())
                            .add("type", e.confidence() < 0.995 ? "dashed" : "solid")));
        }
        JsonArrayBuilder legend = JSON.createArrayBuilder();
        present.forEach(legend::add);
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder())
                .add("legend", JSON.createObjectBuilder().add("data", legend).add("top", 4))
                .add("animationDurationUpdate", 600)
                .add("series", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("type", "graph").add("layout", "force").add("roam", true).add("draggable", true)
                        .add("top", 40).add("bottom", 16).add("left", 16).add("right", 16)
                        .add("categories", categories).add("data", data).add("links", links)
                        .add("force", JSON.createObjectBuilder().add("repulsion", nodes.size() > 60 ? 80 : 420)
                                .add("edgeLength", JSON.createArrayBuilder().add(90).add(180)).add("gravity", 0.08))
                        .add("label", JSON.createObjectBuilder().add("show", nodes.size() <= 60).add("position", "right").add("fontSize", 11))
                        .add("edgeLabel", JSON.createObjectBuilder().add("show", linkCount <= 40).add("fontSize", 10))
                        .add("lineStyle", JSON.createObjectBuilder().add("color", "source").add("opacity", 0.8).add("curveness", 0.08))
                        .add("emphasis", JSON.createObjectBuilder().add("focus", "adjacency")
                                .add("label", JSON.createObjectBuilder().add("show", true))
                                .add("edgeLabel", JSON.createObjectBuilder().add("show", true)))))
                .build();
    }

    /** ECharts reads {a}, {b}, {c} in formatters: a label shown as written must not contain braces. */
    private static String literal(String s) {
        return s.replace('{', '(').replace('}', ')');
    }

    /** A colour per identifier kind, the same in the graph and in the identifiers grid. */
    static String color(IdentifierKind k) {
        return switch (k) {
            case ANONYMOUS -> "#868e96";
            case USER -> "#1a73e8";
            case EMAIL -> "#2f9e44";
            case PHONE -> "#ae3ec9";
            case DEVICE -> "#f08c00";
            case CUSTOM -> "#0c8599";
        };
    }

    // ------------------------------------------------------------------ small helpers

    private Button personLink(UUID id) {
        Button b = new Button(Ids.shortId(id), e -> open(id, null));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        b.setTooltipText(id.toString());
        return b;
    }

    private static Component kindLabel(IdentifierKind k) {
        Span dot = new Span("●");
        dot.getStyle().set("color", color(k)).set("margin-right", "0.35em");
        return new Span(dot, new Text(k.wireName()));
    }

    private static String describe(Identifier i) {
        return i == null ? "(an identifier of another person)" : i.kind().wireName() + " " + i.hint();
    }

    private static String confidence(double c) {
        return String.format(Locale.ROOT, "%.2f", c);
    }

    /** Short grids show all their rows; long ones scroll. */
    private static void fit(Grid<?> grid, int rows) {
        if (rows <= 25) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setHeight("24rem");
        }
    }

    private static void ok(String message) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
