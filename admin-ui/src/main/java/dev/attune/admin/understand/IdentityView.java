package dev.attune.admin.understand;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.admin.components.PersonPicker;
import dev.attune.admin.components.Problems;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.Conflict;
import dev.attune.identity.api.Edge;
import dev.attune.identity.api.IdentifierRef;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PersonGraph;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String OPEN = "Open";
    private static final String ALL = "All";

    private final IdentityService identity;
    private final AuditLog audit;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final boolean admin = CurrentUser.hasRole(Roles.ADMIN);
    private final List<SiteSummary> sites;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final IdentitySearchForm searchForm = new IdentitySearchForm();
    private final Grid<Person> recent = new Grid<>(Person.class, false);
    private final ConflictsGrid conflicts = new ConflictsGrid(canEdit);
    private final RadioButtonGroup<String> conflictScope = new RadioButtonGroup<>();
    private final Span conflictsLabel = new Span("Conflicts");
    private final TabSheet tabs = new TabSheet();
    private final PersonGraphPanel detail = new PersonGraphPanel(canEdit, admin);

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
        searchForm.addSearchListener(e -> search(e.identifier()));
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> refreshLists());
        reload.setTooltipText("Reload");
        reload.setAriaLabel("Reload");
        HorizontalLayout bar = new HorizontalLayout(site, searchForm, reload);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);

        configureRecent();
        configureConflicts();
        tabs.setWidthFull();
        tabs.setId("identity-tabs");
        tabs.add("Recently changed persons", recent);
        Paragraph aboutConflicts =
                new Paragraph("A conflict is a merge the graph refused because both persons carry different user ids, "
                        + "or a person grown so large that it is likely a shared device. Open the persons, merge or unmerge by hand if needed, "
                        + "then mark the conflict resolved.");
        aboutConflicts.addClassNames(
                LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        VerticalLayout conflictsTab =
                new VerticalLayout(new HorizontalLayout(conflictScope), aboutConflicts, conflicts);
        conflictsTab.setPadding(false);
        tabs.add(new Tab(conflictsLabel), conflictsTab);

        detail.addMergeListener(e -> openMerge(e.person()));
        detail.addUnmergeListener(this::confirmUnmerge);
        detail.addOpenPersonListener(e -> open(e.personId(), null));
        add(new H2("Identity"), bar, tabs, detail);
        if (!sites.isEmpty()) {
            site.setValue(sites.get(0));
        }
    }

    /** {@code identity?person=<id>} opens that person (links from the privacy requests). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation()
                .getQueryParameters()
                .getSingleParameter("person")
                .flatMap(Ids::uuid)
                .ifPresent(id -> {
                    Optional<Person> p = identity.person(id);
                    p.flatMap(x -> sites.stream()
                                    .filter(s -> s.id().equals(x.siteId()))
                                    .findFirst())
                            .ifPresent(site::setValue);
                    open(id, null);
                });
    }

    private void configureRecent() {
        recent.setId("identity-persons");
        recent.setHeight("20rem");
        recent.addColumn(p -> Ids.shortId(p.id()))
                .setHeader("Person")
                .setAutoWidth(true)
                .setFlexGrow(0);
        recent.addColumn(Person::identifiers)
                .setHeader("Identifiers")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(true);
        recent.addColumn(p -> p.subjects().isEmpty()
                        ? "—"
                        : p.subjects().size() + " · " + p.subjects().get(0)
                                + (p.subjects().size() > 1 ? ", …" : ""))
                .setHeader("Subjects")
                .setFlexGrow(1)
                .setComparator(p -> p.subjects().size());
        recent.addComponentColumn(p -> p.sharedDevice() ? Badges.badge("shared device", "error") : new Span())
                .setHeader("Flags")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Person::sharedDevice);
        recent.addColumn(p -> TIME.format(p.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Person::createdAt);
        recent.addColumn(p -> TIME.format(p.updatedAt()))
                .setHeader("Updated (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Person::updatedAt);
        Grids.sortable(recent);
        recent.setEmptyStateText(
                "No persons yet: identities appear when the widget calls attune.identify or a server calls "
                        + "POST /api/v1/identify.");
        recent.addItemClickListener(e -> open(e.getItem().id(), null));
    }

    private void configureConflicts() {
        conflictScope.setItems(OPEN, ALL);
        conflictScope.setValue(OPEN);
        conflictScope.setId("identity-conflict-scope");
        conflictScope.addValueChangeListener(e -> refreshConflicts());
        conflicts.addResolveListener(e -> resolve(e.conflict()));
        conflicts.addOpenPersonListener(e -> open(e.personId(), null));
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
        conflicts.setEmptyStateText(
                openOnly
                        ? "No open conflicts: merges refused because of two different user ids, and persons that "
                                + "are likely shared devices, appear here."
                        : "No conflicts on this site yet.");
        long open = openOnly
                ? list.size()
                : list.stream().filter(c -> c.resolvedAt() == null).count();
        conflictsLabel.setText(
                open == 0 ? "Conflicts" : "Conflicts (" + open + (open == 200 && openOnly ? "+" : "") + " open)");
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

    private void search(IdentifierRef ref) {
        if (siteId() == null) {
            return;
        }
        Optional<Person> found;
        try {
            found = identity.lookup(siteId(), ref);
        } catch (RuntimeException ex) {
            Problems.show(ex);
            return;
        }
        if (found.isEmpty()) {
            detail.showNote("No person has this " + ref.kind().wireName() + " on "
                    + site.getValue().name()
                    + ". Check the kind (an email is not a user id) and the value; identifiers are only known once the widget or a "
                    + "server has sent them with identify or alias.");
            return;
        }
        audit.record(
                "identity.lookup",
                found.get().id().toString(),
                AuditOutcome.SUCCESS,
                Map.of("kind", ref.kind().wireName(), "via", "console"));
        open(found.get().id(), null);
    }

    // ------------------------------------------------------------------ one person

    /** Shows a person (audited), with a notice above it when given (e.g. the outcome of an unmerge). */
    private void open(UUID personId, Component notice) {
        detail.removeAll();
        Optional<PersonGraph> g = identity.graph(personId);
        if (g.isEmpty()) {
            detail.showNote("No person " + personId + ": it was merged into another person, or erased.");
            return;
        }
        audit.record("identity.read", personId.toString(), AuditOutcome.SUCCESS, Map.of("via", "console"));
        detail.show(g.get(), notice);
        detail.scrollIntoView();
    }

    private void confirmUnmerge(PersonGraphPanel.UnmergeEvent event) {
        Person p = event.person();
        Edge e = event.edge();
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Remove link #" + e.id() + "?");
        Paragraph what = new Paragraph(event.from() + " ↔ " + event.to() + " (" + e.source() + ", confidence "
                + PersonGraphPanel.confidence(e.confidence()) + ", by " + e.createdBy() + ")");
        what.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        Paragraph how = new Paragraph(
                "Removing this link splits the person if nothing else connects them; the part it merged in gets "
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
        MergeForm form = new MergeForm(p, new PersonPicker(identity, audit, siteId(), "identity-merge"));
        form.addMergeListener(this::merge);
        form.addCloseListener(e -> form.close());
        form.open();
    }

    private void merge(MergeForm.MergeEvent e) {
        try {
            Person merged = identity.merge(siteId(), e.person().id(), e.other().id());
            e.getSource().close();
            ok("Merged: person " + Ids.shortId(merged.id()) + " now has " + merged.identifiers() + " identifiers");
            refreshLists();
            open(merged.id(), null);
        } catch (RuntimeException ex) {
            e.getSource().showRefusal(ex);
            Problems.show(ex);
        }
    }

    // ------------------------------------------------------------------ small helpers

    private static void ok(String message) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
