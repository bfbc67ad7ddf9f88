package dev.attune.admin.understand;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.admin.govern.PrivacyView;
import dev.attune.identity.api.Edge;
import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PersonGraph;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One person of the identity graph: their identifiers and links drawn as a graph, the links one by one, the
 * identifiers, and the history of merges, unmerges and flags. Who may change the graph gets "Merge with…" and an
 * "Unmerge" per link, reported as a {@link MergeEvent} and an {@link UnmergeEvent}; the other persons named (and
 * "Reload") are reported as an {@link OpenPersonEvent}. Admins get a link to a privacy request for the person.
 */
class PersonGraphPanel extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Beyond this many identifiers the graph draws the oldest ones only (a shared device can have thousands). */
    static final int MAX_NODES = 300;

    private final boolean canEdit;
    private final boolean admin;

    /**
     * @param canEdit whether the user may merge and unmerge (admins and analysts)
     * @param admin   whether the user may open a privacy request
     */
    PersonGraphPanel(boolean canEdit, boolean admin) {
        this.canEdit = canEdit;
        this.admin = admin;
        setPadding(false);
        setId("identity-detail");
    }

    /** Shows a note instead of a person (none found, or gone). */
    void showNote(String text) {
        removeAll();
        Paragraph none = new Paragraph(text);
        none.setId("identity-none");
        none.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(none);
    }

    /** Shows a person, with a notice above when given (e.g. the outcome of an unmerge). */
    void show(PersonGraph g, Component notice) {
        removeAll();
        if (notice != null) {
            add(notice);
        }
        Person p = g.person();
        H3 title = new H3("Person " + Ids.shortId(p.id()));
        title.setId("identity-title");
        Span count = Badges.badge(p.identifiers() + " identifier" + (p.identifiers() == 1 ? "" : "s"), "contrast");
        Span shared = Badges.badge("likely shared device", "error");
        shared.setVisible(p.sharedDevice());
        shared.setTitle("More identifiers than a person usually has: merges into it are suspect.");
        Button merge = new Button("Merge with…", VaadinIcon.CONNECT.create(), e -> fireEvent(new MergeEvent(this, p)));
        merge.setId("identity-merge");
        merge.setVisible(canEdit);
        RouterLink privacy = new RouterLink("Privacy request…", PrivacyView.class);
        privacy.setQueryParameters(QueryParameters.of("person", p.id().toString()));
        privacy.setId("identity-privacy");
        privacy.setVisible(admin);
        Button reload = new Button(VaadinIcon.REFRESH.create(), e -> fireEvent(new OpenPersonEvent(this, p.id())));
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        reload.setTooltipText("Reload this person");
        reload.setAriaLabel("Reload this person");
        HorizontalLayout head = new HorizontalLayout(title, count, shared, merge, privacy, reload);
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);
        Paragraph meta = new Paragraph(p.id() + " · created " + TIME.format(p.createdAt()) + " UTC · updated "
                + TIME.format(p.updatedAt())
                + " UTC · subjects: "
                + (p.subjects().isEmpty()
                        ? "none"
                        : String.join(", ", p.subjects().stream().limit(5).toList())
                                + (p.subjects().size() > 5
                                        ? " and " + (p.subjects().size() - 5) + " more"
                                        : "")));
        meta.setId("identity-meta");
        meta.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);
        add(head, meta);

        EChart chart = new EChart();
        chart.setId("identity-graph");
        chart.setHeight("380px");
        chart.setOption(IdentityGraphChart.option(g, MAX_NODES));
        Paragraph legend =
                new Paragraph("Each node is an identifier, each line a link with where it came from and how sure it is "
                        + "(dashed: less than certain). Drag nodes, scroll to zoom, drag the background to pan."
                        + (g.identifiers().size() > MAX_NODES
                                ? " Only the oldest " + MAX_NODES + " of "
                                        + g.identifiers().size() + " identifiers are drawn."
                                : ""));
        legend.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.NONE);
        Div box = new Div(chart);
        box.setWidthFull();
        box.addClassNames(LumoUtility.Border.ALL, LumoUtility.BorderColor.CONTRAST_10, LumoUtility.BorderRadius.MEDIUM);
        add(new H4("Graph"), box, legend);

        Map<Long, Identifier> byId = new HashMap<>();
        g.identifiers().forEach(i -> byId.put(i.id(), i));
        add(new H4("Links"), links(g, byId), new H4("Identifiers"), identifiers(g), new H4("History"), history(g));
    }

    private Grid<Edge> links(PersonGraph g, Map<Long, Identifier> byId) {
        Grid<Edge> grid = new Grid<>(Edge.class, false);
        grid.setId("identity-links");
        grid.addColumn(e -> "#" + e.id())
                .setHeader("Link")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Edge::id);
        grid.addColumn(e -> describe(byId.get(e.a())))
                .setHeader("From")
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(e -> describe(byId.get(e.b())))
                .setHeader("To")
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(Edge::source).setHeader("Source").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> confidence(e.confidence()))
                .setHeader("Confidence")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Edge::confidence);
        grid.addColumn(Edge::createdBy)
                .setHeader("Created by")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> TIME.format(e.createdAt()))
                .setHeader("Created (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Edge::createdAt);
        if (canEdit) {
            grid.addComponentColumn(e -> {
                        Button unmerge = new Button(
                                "Unmerge",
                                VaadinIcon.UNLINK.create(),
                                click -> fireEvent(new UnmergeEvent(
                                        this, g.person(), e, describe(byId.get(e.a())), describe(byId.get(e.b())))));
                        unmerge.addThemeVariants(
                                ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                        unmerge.setId("identity-unmerge-" + e.id());
                        return unmerge;
                    })
                    .setAutoWidth(true)
                    .setFlexGrow(0);
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
        grid.addComponentColumn(i -> kindLabel(i.kind()))
                .setHeader("Kind")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(i -> i.kind().wireName());
        grid.addColumn(Identifier::hint)
                .setHeader("Value (masked)")
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(i -> i.subject() == null ? "" : i.subject())
                .setHeader("Subject")
                .setAutoWidth(true)
                .setFlexGrow(1);
        grid.addColumn(i -> TIME.format(i.firstSeen()))
                .setHeader("First seen (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Identifier::firstSeen);
        grid.addColumn(i -> TIME.format(i.lastSeen()))
                .setHeader("Last seen (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
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
        grid.addColumn(h -> FULL.format(h.at()))
                .setHeader("When (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(PersonGraph.HistoryEntry::at);
        grid.addComponentColumn(h -> Badges.badge(
                        h.action(),
                        switch (h.action()) {
                            case "merge" -> "success";
                            case "flag" -> "error";
                            default -> "contrast";
                        }))
                .setHeader("Action")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(PersonGraph.HistoryEntry::action);
        grid.addComponentColumn(h -> {
                    UUID other = self.equals(h.personId()) ? h.otherPerson() : h.personId();
                    return other == null ? new Span("—") : personLink(other);
                })
                .setHeader("Other person")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(h -> h.edgeId() == null ? "" : "#" + h.edgeId())
                .setHeader("Link")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(PersonGraph.HistoryEntry::edgeId);
        grid.addColumn(PersonGraph.HistoryEntry::actor)
                .setHeader("Actor")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(h -> h.detail() == null ? "" : h.detail())
                .setHeader("Detail")
                .setFlexGrow(1);
        Grids.sortable(grid);
        grid.setItems(g.history());
        fit(grid, g.history().size());
        grid.setEmptyStateText(
                "No merges or unmerges yet: this person was always one identifier, or grew by links within itself.");
        return grid;
    }

    private Button personLink(UUID id) {
        Button b = new Button(Ids.shortId(id), e -> fireEvent(new OpenPersonEvent(this, id)));
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        b.setTooltipText(id.toString());
        return b;
    }

    private static Component kindLabel(IdentifierKind k) {
        Span dot = new Span("●");
        dot.getStyle().set("color", IdentityGraphChart.color(k)).set("margin-right", "0.35em");
        return new Span(dot, new Text(k.wireName()));
    }

    static String describe(Identifier i) {
        return i == null ? "(an identifier of another person)" : i.kind().wireName() + " " + i.hint();
    }

    static String confidence(double c) {
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

    Registration addMergeListener(ComponentEventListener<MergeEvent> listener) {
        return addListener(MergeEvent.class, listener);
    }

    Registration addUnmergeListener(ComponentEventListener<UnmergeEvent> listener) {
        return addListener(UnmergeEvent.class, listener);
    }

    Registration addOpenPersonListener(ComponentEventListener<OpenPersonEvent> listener) {
        return addListener(OpenPersonEvent.class, listener);
    }

    /** The user wants to merge the shown person with another. */
    static final class MergeEvent extends ComponentEvent<PersonGraphPanel> {
        private final Person person;

        MergeEvent(PersonGraphPanel source, Person person) {
            super(source, false);
            this.person = person;
        }

        Person person() {
            return person;
        }
    }

    /** The user wants to remove a link of the shown person; its ends as the panel names them, for the confirmation. */
    static final class UnmergeEvent extends ComponentEvent<PersonGraphPanel> {
        private final Person person;
        private final Edge edge;
        private final String from;
        private final String to;

        UnmergeEvent(PersonGraphPanel source, Person person, Edge edge, String from, String to) {
            super(source, false);
            this.person = person;
            this.edge = edge;
            this.from = from;
            this.to = to;
        }

        Person person() {
            return person;
        }

        Edge edge() {
            return edge;
        }

        String from() {
            return from;
        }

        String to() {
            return to;
        }
    }

    /** The user wants to see this person (another one named here, or the shown one again). */
    static final class OpenPersonEvent extends ComponentEvent<PersonGraphPanel> {
        private final UUID personId;

        OpenPersonEvent(PersonGraphPanel source, UUID personId) {
            super(source, false);
            this.personId = personId;
        }

        UUID personId() {
            return personId;
        }
    }
}
