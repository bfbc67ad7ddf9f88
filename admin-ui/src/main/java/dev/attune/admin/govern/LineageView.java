package dev.attune.admin.govern;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.admin.components.Problems;
import dev.attune.admin.shell.MainLayout;
import dev.attune.admin.understand.IdentityView;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.LineageService.ConsentRecord;
import dev.attune.personalization.api.LineageService.Derived;
import dev.attune.personalization.api.LineageService.EventLineage;
import dev.attune.personalization.api.LineageService.EventSource;
import dev.attune.personalization.api.LineageService.IdentifierSource;
import dev.attune.personalization.api.LineageService.PersonLineage;
import dev.attune.personalization.api.LineageService.ProfileSummary;
import dev.attune.personalization.api.LineageService;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Data lineage, for governance: what Attune derived from one event (its enrichment exactly; the profile, segment
 * changes, rule firings, recommendation lists and experiment metrics of the same person within a minute after it), and
 * where everything Attune holds about a person came from (identifiers and the source that linked each, stored events
 * per subject and type, the consent ledger of every linked subject, the profile and its segments).
 *
 * <p>{@code lineage?site=<id>&event=<id>} opens an event (the feedback explorer links each row here) and
 * {@code lineage?site=<id>&person=<subject>} a person; a lookup made here puts its link in the address bar. Every
 * lookup that finds something is audited ({@code lineage.event} / {@code lineage.person}, as through the admin API,
 * with {@code via: console}). Admins, analysts and auditors only read here.
 */
@Route(value = "lineage", layout = MainLayout.class)
@PageTitle("Lineage · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class LineageView extends VerticalLayout implements BeforeEnterObserver {
    static final String ROUTE = "lineage";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Up to this many rows a grid shows them all; beyond, it scrolls. */
    private static final int ALL_ROWS_UP_TO = 15;
    private static final String EXACT = "exact";
    private static final String NEARBY = "same person within a minute";

    private final LineageService lineage;
    private final AuditLog audit;
    private final List<SiteSummary> sites;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final TabSheet tabs = new TabSheet();
    private final Tab eventTab;
    private final Tab personTab;
    private final TextField eventId = new TextField("Event id");
    private final TextField subject = new TextField("Subject");
    private final VerticalLayout eventResult = new VerticalLayout();
    private final VerticalLayout personResult = new VerticalLayout();

    @Inject
    public LineageView(SiteService siteService, LineageService lineage, AuditLog audit) {
        this.lineage = lineage;
        this.audit = audit;
        setSizeFull();
        sites = siteService.listSites();
        Paragraph intro = new Paragraph("Where data came from and what Attune made of it: enter an event id to see what was derived from "
                + "that event, or a subject to see every source of what is held about the person. Each lookup is recorded in the audit log.");
        intro.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL, LumoUtility.Margin.Top.NONE);

        site.setItems(sites);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.setId("lineage-site");
        site.addValueChangeListener(e -> {
            site.setInvalid(false);
            if (e.isFromClient()) {
                showEventEmpty();
                showPersonEmpty();
            }
        });

        tabs.setWidthFull();
        tabs.setId("lineage-tabs");
        eventTab = tabs.add("Event", eventPanel());
        eventTab.setId("lineage-tab-event");
        personTab = tabs.add("Person", personPanel());
        personTab.setId("lineage-tab-person");

        add(new H2("Lineage"), intro);
        if (sites.isEmpty()) {
            Paragraph none = new Paragraph("No site yet. Create one under Collect → Sites & keys; lineage shows once it has received events.");
            none.setId("lineage-no-site");
            add(none);
            return;
        }
        add(site, tabs);
        site.setValue(sites.get(0));
        showEventEmpty();
        showPersonEmpty();
    }

    /** The query of a link to an event's lineage. */
    public static QueryParameters eventQuery(UUID siteId, UUID eventId) {
        return QueryParameters.simple(orderedMap("site", siteId.toString(), "event", eventId.toString()));
    }

    /** The query of a link to a person's lineage. */
    static QueryParameters personQuery(UUID siteId, String subject) {
        return QueryParameters.simple(orderedMap("site", siteId.toString(), "person", subject));
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /** {@code ?site=&event=} or {@code ?site=&person=}: chooses the site and the tab and looks it up. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (sites.isEmpty()) {
            return;
        }
        QueryParameters q = event.getLocation().getQueryParameters();
        Optional<String> siteParam = q.getSingleParameter("site");
        Optional<String> eventParam = q.getSingleParameter("event").filter(s -> !s.isBlank());
        Optional<String> personParam = q.getSingleParameter("person").filter(s -> !s.isBlank());
        if (eventParam.isEmpty() && personParam.isEmpty()) {
            return;
        }
        Optional<SiteSummary> chosen = siteParam.flatMap(Ids::uuid)
                .flatMap(id -> sites.stream().filter(s -> s.id().equals(id)).findFirst());
        if (siteParam.isPresent() && chosen.isEmpty()) {
            VerticalLayout target = eventParam.isPresent() ? eventResult : personResult;
            tabs.setSelectedTab(eventParam.isPresent() ? eventTab : personTab);
            target.removeAll();
            target.add(note("lineage-unknown-site", "The link names a site that does not exist (any more). Choose a site and look the "
                    + (eventParam.isPresent() ? "event" : "subject") + " up again."));
            return;
        }
        chosen.ifPresent(site::setValue);
        if (eventParam.isPresent()) {
            tabs.setSelectedTab(eventTab);
            eventId.setValue(eventParam.get().strip());
            showEvent(false);
        } else {
            tabs.setSelectedTab(personTab);
            subject.setValue(personParam.get().strip());
            showPerson(false);
        }
    }

    // ------------------------------------------------------------------ event

    private VerticalLayout eventPanel() {
        eventId.setId("lineage-event-id");
        eventId.setWidth("24rem");
        eventId.setPlaceholder("3f2c9a10-5d7e-4b1a-9c3e-0d8f6a2b4c11");
        eventId.setClearButtonVisible(true);
        eventId.setHelperText("The event's id as sent (\"id\") or as listed in the feedback explorer");
        eventId.addKeyPressListener(Key.ENTER, e -> showEvent(true));
        Button show = new Button("Show lineage", VaadinIcon.SITEMAP.create(), e -> showEvent(true));
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.setId("lineage-event-show");
        HorizontalLayout bar = new HorizontalLayout(eventId, show);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        eventResult.setPadding(false);
        eventResult.setId("lineage-event-result");
        VerticalLayout panel = new VerticalLayout(bar, eventResult);
        panel.setPadding(false);
        return panel;
    }

    private void showEventEmpty() {
        eventResult.removeAll();
        Paragraph empty = note("lineage-event-empty", "Enter an event id, or open one from Collect → Feedback explorer (the \"Lineage\" "
                + "link of each row).");
        eventResult.add(empty);
    }

    /** Looks the event up; {@code remember} puts the lookup's link in the address bar. */
    private void showEvent(boolean remember) {
        eventId.setInvalid(false);
        SiteSummary s = site.getValue();
        if (s == null) {
            site.setErrorMessage("Choose a site");
            site.setInvalid(true);
            return;
        }
        String raw = eventId.getValue() == null ? "" : eventId.getValue().strip();
        if (raw.isEmpty()) {
            showEventEmpty();
            return;
        }
        Optional<UUID> id = Ids.uuid(raw);
        if (id.isEmpty()) {
            eventId.setErrorMessage("Not an event id (a UUID such as 3f2c9a10-5d7e-…)");
            eventId.setInvalid(true);
            showEventEmpty();
            return;
        }
        Optional<EventLineage> found;
        try {
            found = lineage.event(s.id(), id.get());
        } catch (RuntimeException ex) {
            Problems.show(ex);
            return;
        }
        if (remember) {
            remember(eventQuery(s.id(), id.get()));
        }
        eventResult.removeAll();
        if (found.isEmpty()) {
            eventResult.add(note("lineage-event-none", "No event " + id.get() + " on " + s.name() + ": it was never stored there (check the "
                    + "site), or retention or an erasure has removed it since."));
            return;
        }
        audit.record("lineage.event", id.get().toString(), AuditOutcome.SUCCESS, Map.of("site", s.id().toString(), "via", "console"));
        renderEvent(s, found.get());
    }

    private void renderEvent(SiteSummary s, EventLineage l) {
        H3 title = new H3("Event " + l.type());
        title.addClassNames(LumoUtility.Margin.NONE, LumoUtility.FontSize.LARGE);
        Button person = new Button("Person lineage", VaadinIcon.USER.create(), e -> {
            subject.setValue(l.subject());
            tabs.setSelectedTab(personTab);
            showPerson(true);
        });
        person.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        person.setId("lineage-event-open-person");
        person.setTooltipText("Everything held about " + l.subject() + " and where it came from");
        HorizontalLayout head = new HorizontalLayout(title, Badges.badge(l.type(), "contrast"), person);
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);

        FlexLayout facts = facts();
        facts.add(fact("Event id", l.eventId().toString()), fact("Subject", l.subject()), fact("Person", l.personKey()),
                fact("Occurred (UTC)", time(l.occurredAt())), fact("Received (UTC)", time(l.receivedAt())), fact("Site", s.name()));
        Div header = card("lineage-event-header", head, facts);
        l.enrichment().ifPresent(x -> header.add(enrichment(x)));

        Grid<Derived> derived = new Grid<>(Derived.class, false);
        derived.setId("lineage-derived");
        derived.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        derived.addComponentColumn(d -> Badges.badge(d.kind(), kindVariant(d.kind()))).setHeader("Kind").setAutoWidth(true)
                .setFlexGrow(0).setComparator(Derived::kind);
        derived.addColumn(Derived::what).setHeader("What").setFlexGrow(1).setResizable(true).setTooltipGenerator(Derived::what);
        derived.addColumn(d -> time(d.at())).setHeader("At (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(Derived::at, Comparator.nullsLast(Comparator.naturalOrder())));
        derived.addComponentColumn(d -> d.exact() ? Badges.badge(EXACT, "success") : Badges.badge(NEARBY, "contrast"))
                .setHeader("Link to the event").setAutoWidth(true).setFlexGrow(0).setComparator(d -> d.exact() ? 0 : 1);
        derived.setEmptyStateText("Nothing derived from this event (yet): enrichment and the profile follow within seconds when the "
                + "visitor allows personalization; without that consent nothing is derived.");
        List<Derived> rows = new ArrayList<>(l.derived());
        rows.sort(Comparator.comparing((Derived d) -> !d.exact()).thenComparing(Derived::at, Comparator.nullsLast(Comparator.naturalOrder())));
        Grids.sortable(derived);
        derived.setItems(rows);
        fit(derived, rows.size());

        Paragraph legend = new Paragraph("\"" + EXACT + "\": computed from this event itself. \"" + NEARBY + "\": computed from the "
                + "person's state within a minute after this event arrived, which the event fed (along with anything else they did then).");
        legend.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.XSMALL, LumoUtility.Margin.Vertical.NONE);
        eventResult.add(header, new H4("Derived from it (" + rows.size() + ")"), derived, legend);
    }

    /** What the enrichment found, as small labelled values (only those known). */
    private static Component enrichment(EventEnrichment x) {
        FlexLayout facts = facts();
        facts.setId("lineage-event-enrichment");
        if (x.language() != null) {
            facts.add(fact("Language", x.language()));
        }
        if (x.sentiment() != null || x.sentimentLabel() != null) {
            facts.add(fact("Sentiment", (x.sentimentLabel() == null ? "" : x.sentimentLabel())
                    + (x.sentiment() == null ? "" : String.format(Locale.ROOT, " (%+.2f)", x.sentiment()))));
        }
        if (x.deviceClass() != null) {
            facts.add(fact("Device", x.deviceClass() + (x.browser() == null ? "" : " · " + x.browser()) + (x.os() == null ? "" : " · " + x.os())));
        }
        if (x.localHour() != null) {
            facts.add(fact("Local time", String.format(Locale.ROOT, "%02d h", x.localHour()) + (x.weekday() == null ? ""
                    : ", " + java.time.DayOfWeek.of(x.weekday()).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH))));
        }
        if (x.referrerClass() != null) {
            facts.add(fact("Referrer", x.referrerClass()));
        }
        if (x.sessionDepth() != null) {
            facts.add(fact("Page views in session", String.valueOf(x.sessionDepth())));
        }
        if (x.keywords() != null && !x.keywords().isEmpty()) {
            facts.add(fact("Keywords", String.join(", ", x.keywords())));
        }
        if (facts.getComponentCount() == 0) {
            facts.add(fact("Enrichment", "nothing to derive from this event"));
        }
        H4 heading = new H4("Enrichment");
        heading.addClassNames(LumoUtility.Margin.Bottom.NONE, LumoUtility.Margin.Top.SMALL, LumoUtility.FontSize.SMALL);
        Div box = new Div(heading, facts);
        return box;
    }

    private static String kindVariant(String kind) {
        return switch (kind == null ? "" : kind) {
            case "enrichment", "profile" -> "";
            case "segment", "rule" -> "success";
            case "recommendation", "experiment" -> "contrast";
            default -> "contrast";
        };
    }

    // ------------------------------------------------------------------ person

    private VerticalLayout personPanel() {
        subject.setId("lineage-subject");
        subject.setWidth("20rem");
        subject.setPlaceholder("anonymous id or user id");
        subject.setClearButtonVisible(true);
        subject.setHelperText("Any of the person's subjects: all the person's subjects are followed");
        subject.addKeyPressListener(Key.ENTER, e -> showPerson(true));
        Button show = new Button("Show lineage", VaadinIcon.SITEMAP.create(), e -> showPerson(true));
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.setId("lineage-person-show");
        HorizontalLayout bar = new HorizontalLayout(subject, show);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        personResult.setPadding(false);
        personResult.setId("lineage-person-result");
        VerticalLayout panel = new VerticalLayout(bar, personResult);
        panel.setPadding(false);
        return panel;
    }

    private void showPersonEmpty() {
        personResult.removeAll();
        personResult.add(note("lineage-person-empty", "Enter a subject (the widget's anonymous id, or your system's user id), or open the "
                + "person of an event from its lineage."));
    }

    private void showPerson(boolean remember) {
        subject.setInvalid(false);
        SiteSummary s = site.getValue();
        if (s == null) {
            site.setErrorMessage("Choose a site");
            site.setInvalid(true);
            return;
        }
        String who = subject.getValue() == null ? "" : subject.getValue().strip();
        if (who.isEmpty()) {
            showPersonEmpty();
            return;
        }
        if (who.length() > 200) {
            subject.setErrorMessage("At most 200 characters");
            subject.setInvalid(true);
            return;
        }
        Optional<PersonLineage> found;
        try {
            found = lineage.person(s.id(), who);
        } catch (RuntimeException ex) {
            Problems.show(ex);
            return;
        }
        if (remember) {
            remember(personQuery(s.id(), who));
        }
        personResult.removeAll();
        if (found.isEmpty()) {
            personResult.add(note("lineage-person-none", "Nothing is stored about " + who + " on " + s.name()
                    + ": no identifier, event, consent or profile. Subjects are case-sensitive."));
            return;
        }
        audit.record("lineage.person", who, AuditOutcome.SUCCESS, Map.of("site", s.id().toString(), "via", "console"));
        renderPerson(found.get());
    }

    private void renderPerson(PersonLineage l) {
        H3 title = new H3("Person " + l.personKey());
        title.addClassNames(LumoUtility.Margin.NONE, LumoUtility.FontSize.LARGE);
        HorizontalLayout head = new HorizontalLayout(title);
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);
        l.personId().ifPresent(id -> {
            RouterLink graph = new RouterLink("Identity graph", IdentityView.class);
            graph.setQueryParameters(QueryParameters.simple(Map.of("person", id.toString())));
            graph.setId("lineage-person-identity");
            graph.addClassNames(LumoUtility.FontSize.SMALL);
            head.add(graph);
        });
        long events = l.events().stream().mapToLong(EventSource::count).sum();
        long subjects = l.events().stream().map(EventSource::subject).distinct().count();
        FlexLayout facts = facts();
        facts.add(fact("Looked up by", l.subject()), fact("Person", l.personKey()),
                fact("Person id", l.personId().map(UUID::toString).orElse("not in the identity graph")),
                fact("Identifiers", String.valueOf(l.identifiers().size())),
                fact("Stored events", String.format(Locale.ROOT, "%,d from %d subject%s", events, subjects, subjects == 1 ? "" : "s")),
                fact("Consent decisions", String.valueOf(l.consents().size())));
        Div header = card("lineage-person-header", head, facts);

        personResult.add(header,
                section("Identifiers", l.identifiers().size(), identifiers(l.identifiers())),
                section("Events by subject and type", l.events().size(), events(l.events())),
                section("Consent ledger", l.consents().size(), consents(l.consents())),
                profile(l.profile()));
    }

    private static Grid<IdentifierSource> identifiers(List<IdentifierSource> rows) {
        Grid<IdentifierSource> grid = new Grid<>(IdentifierSource.class, false);
        grid.setId("lineage-identifiers");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(IdentifierSource::kind).setHeader("Kind").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        grid.addColumn(i -> orDash(i.hint())).setHeader("Hint").setFlexGrow(1).setResizable(true)
                .setTooltipGenerator(i -> "Clear values are never shown; a hint only");
        grid.addColumn(i -> orDash(i.source())).setHeader("Linked by").setAutoWidth(true).setSortable(true);
        grid.addColumn(i -> percent(i.confidence())).setHeader("Confidence").setAutoWidth(true).setFlexGrow(0)
                .setComparator(IdentifierSource::confidence);
        grid.addColumn(i -> time(i.firstSeen())).setHeader("First seen (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(IdentifierSource::firstSeen, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.addColumn(i -> time(i.lastSeen())).setHeader("Last seen (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(IdentifierSource::lastSeen, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.setEmptyStateText("No identifiers: the subject is not in the identity graph yet (no identify or alias call, no event "
                + "with consent).");
        Grids.sortable(grid);
        grid.setItems(rows);
        fit(grid, rows.size());
        return grid;
    }

    private static Grid<EventSource> events(List<EventSource> rows) {
        Grid<EventSource> grid = new Grid<>(EventSource.class, false);
        grid.setId("lineage-events");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(EventSource::subject).setHeader("Subject").setFlexGrow(1).setResizable(true).setSortable(true);
        grid.addColumn(EventSource::type).setHeader("Type").setAutoWidth(true).setSortable(true);
        grid.addColumn(e -> String.format(Locale.ROOT, "%,d", e.count())).setHeader("Events").setAutoWidth(true).setFlexGrow(0)
                .setComparator(EventSource::count);
        grid.addColumn(e -> time(e.first())).setHeader("First (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(EventSource::first, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.addColumn(e -> time(e.last())).setHeader("Last (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(EventSource::last, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.setEmptyStateText("No stored events: none were sent, or retention or an erasure removed them.");
        Grids.sortable(grid);
        grid.setItems(rows);
        fit(grid, rows.size());
        return grid;
    }

    private static Grid<ConsentRecord> consents(List<ConsentRecord> rows) {
        Grid<ConsentRecord> grid = new Grid<>(ConsentRecord.class, false);
        grid.setId("lineage-consents");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(ConsentRecord::subject).setHeader("Subject").setFlexGrow(1).setResizable(true).setSortable(true);
        grid.addColumn(ConsentRecord::purpose).setHeader("Purpose").setAutoWidth(true).setSortable(true);
        grid.addComponentColumn(c -> c.granted() ? Badges.badge("granted", "success") : Badges.badge("withdrawn", "error"))
                .setHeader("Decision").setAutoWidth(true).setFlexGrow(0).setComparator(c -> c.granted() ? 0 : 1);
        grid.addColumn(c -> orDash(c.policyVersion())).setHeader("Policy version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> orDash(c.source())).setHeader("Source").setAutoWidth(true);
        grid.addColumn(c -> time(c.at())).setHeader("At (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Comparator.comparing(ConsentRecord::at, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.setEmptyStateText("No consent decisions recorded for these subjects (on a site with implied consent, none are needed until "
                + "a visitor withdraws).");
        Grids.sortable(grid);
        grid.setItems(rows);
        fit(grid, rows.size());
        return grid;
    }

    private static Component profile(Optional<ProfileSummary> profile) {
        H4 heading = new H4("Profile");
        Div box = new Div(heading);
        box.setId("lineage-profile");
        box.setWidthFull();
        if (profile.isEmpty()) {
            box.add(note("lineage-profile-none", "No profile: the person has not allowed personalization, has sent no events yet, or "
                    + "profile retention removed it."));
            return box;
        }
        ProfileSummary p = profile.get();
        FlexLayout facts = facts();
        facts.add(fact("Events", String.format(Locale.ROOT, "%,d", p.events())), fact("First seen (UTC)", time(p.firstSeen())),
                fact("Last seen (UTC)", time(p.lastSeen())));
        Div segments = new Div();
        segments.setId("lineage-segments");
        segments.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.XSMALL, LumoUtility.Margin.Top.SMALL);
        if (p.segments().isEmpty()) {
            Span none = new Span("In no segment");
            none.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            segments.add(none);
        } else {
            p.segments().forEach(s -> segments.add(Badges.badge(s, "")));
        }
        box.add(facts, segments);
        return box;
    }

    private static Component section(String title, int rows, Component content) {
        H4 heading = new H4(title + " (" + rows + ")");
        heading.addClassNames(LumoUtility.Margin.Bottom.XSMALL);
        Div box = new Div(heading, content);
        box.setWidthFull();
        return box;
    }

    // ------------------------------------------------------------------ small helpers

    /** Puts the lookup's link in the address bar (without a new history entry), so it can be copied or reloaded. */
    private void remember(QueryParameters query) {
        getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, new Location(ROUTE, query)));
    }

    private static Div card(String id, Component... content) {
        Div card = new Div(content);
        card.setId(id);
        card.setWidthFull();
        card.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN, LumoUtility.Gap.SMALL, LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE, LumoUtility.Border.ALL, LumoUtility.BorderColor.CONTRAST_10,
                LumoUtility.Background.CONTRAST_5);
        return card;
    }

    private static FlexLayout facts() {
        FlexLayout facts = new FlexLayout();
        facts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        facts.addClassNames(LumoUtility.Gap.Column.XLARGE, LumoUtility.Gap.Row.SMALL);
        facts.setWidthFull();
        return facts;
    }

    /** A small label over its value. */
    private static Div fact(String label, String value) {
        Span l = new Span(label);
        l.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        Span v = new Span(value == null || value.isBlank() ? "—" : value);
        v.addClassNames(LumoUtility.FontSize.SMALL);
        v.getStyle().set("overflow-wrap", "anywhere");
        Div fact = new Div(l, v);
        fact.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        return fact;
    }

    private static Paragraph note(String id, String text) {
        Paragraph p = new Paragraph(text);
        p.setId(id);
        p.addClassNames(LumoUtility.TextColor.SECONDARY);
        return p;
    }

    /** Short lists in full; long ones (a shared device has thousands of identifiers) scroll. */
    private static void fit(Grid<?> grid, int rows) {
        grid.setWidthFull();
        if (rows <= ALL_ROWS_UP_TO) {
            grid.setAllRowsVisible(true);
        } else {
            grid.setHeight("26rem");
        }
    }

    private static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() || "null".equals(s) ? "—" : s;
    }
}
