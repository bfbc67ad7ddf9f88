package dev.attune.admin.govern;

import static dev.attune.admin.govern.LineageParts.card;
import static dev.attune.admin.govern.LineageParts.fact;
import static dev.attune.admin.govern.LineageParts.facts;
import static dev.attune.admin.govern.LineageParts.fit;
import static dev.attune.admin.govern.LineageParts.note;
import static dev.attune.admin.govern.LineageParts.orDash;
import static dev.attune.admin.govern.LineageParts.percent;
import static dev.attune.admin.govern.LineageParts.time;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.understand.IdentityView;
import dev.attune.personalization.api.LineageService.ConsentRecord;
import dev.attune.personalization.api.LineageService.EventSource;
import dev.attune.personalization.api.LineageService.IdentifierSource;
import dev.attune.personalization.api.LineageService.PersonLineage;
import dev.attune.personalization.api.LineageService.ProfileSummary;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The "Person" tab of lineage: a subject to look up, and where everything Attune holds about that person came from
 * (identifiers and what linked each, stored events per subject and type, the consent ledger, the profile and its
 * segments). "Show lineage" (or Enter) is reported as a {@link LookupEvent}; the view reads {@link #subject()} and shows
 * the outcome here.
 */
class PersonLineagePanel extends VerticalLayout {
    static final int MAX_SUBJECT = 200;

    final TextField subject = new TextField("Subject");
    final Button show = new Button("Show lineage", VaadinIcon.SITEMAP.create());
    final VerticalLayout result = new VerticalLayout();

    PersonLineagePanel() {
        subject.setId("lineage-subject");
        subject.setWidth("20rem");
        subject.setPlaceholder("anonymous id or user id");
        subject.setClearButtonVisible(true);
        subject.setHelperText("Any of the person's subjects: all the person's subjects are followed");
        subject.addKeyPressListener(Key.ENTER, e -> fireEvent(new LookupEvent(this)));
        show.addClickListener(e -> fireEvent(new LookupEvent(this)));
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.setId("lineage-person-show");
        HorizontalLayout bar = new HorizontalLayout(subject, show);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        result.setPadding(false);
        result.setId("lineage-person-result");
        add(bar, result);
        setPadding(false);
    }

    /** Looks this subject up (as a link or an event's lineage asks to). */
    void setSubject(String who) {
        subject.setValue(who);
    }

    /** The subject typed, stripped. Blank shows what to enter; one longer than 200 characters is marked on the field. */
    Optional<String> subject() {
        String who = subject.getValue() == null ? "" : subject.getValue().strip();
        if (who.isEmpty()) {
            showEmpty();
            return Optional.empty();
        }
        if (who.length() > MAX_SUBJECT) {
            subject.setErrorMessage("At most 200 characters");
            subject.setInvalid(true);
            return Optional.empty();
        }
        return Optional.of(who);
    }

    /** Takes back what {@link #subject()} marked. */
    void clearError() {
        subject.setInvalid(false);
    }

    void showEmpty() {
        result.removeAll();
        result.add(note(
                "lineage-person-empty",
                "Enter a subject (the widget's anonymous id, or your system's user id), or open "
                        + "the person of an event from its lineage."));
    }

    void showNone(String who, String siteName) {
        result.removeAll();
        result.add(note(
                "lineage-person-none",
                "Nothing is stored about " + who + " on " + siteName
                        + ": no identifier, event, consent or profile. Subjects are case-sensitive."));
    }

    void showUnknownSite() {
        result.removeAll();
        result.add(note(
                "lineage-unknown-site",
                "The link names a site that does not exist (any more). Choose a site and look "
                        + "the subject up again."));
    }

    /** Shows every source of what is held about the person. */
    void showLineage(PersonLineage l) {
        result.removeAll();
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
        facts.add(
                fact("Looked up by", l.subject()),
                fact("Person", l.personKey()),
                fact("Person id", l.personId().map(UUID::toString).orElse("not in the identity graph")),
                fact("Identifiers", String.valueOf(l.identifiers().size())),
                fact(
                        "Stored events",
                        String.format(
                                Locale.ROOT, "%,d from %d subject%s", events, subjects, subjects == 1 ? "" : "s")),
                fact("Consent decisions", String.valueOf(l.consents().size())));
        Div header = card("lineage-person-header", head, facts);

        result.add(
                header,
                section("Identifiers", l.identifiers().size(), identifiers(l.identifiers())),
                section("Events by subject and type", l.events().size(), events(l.events())),
                section("Consent ledger", l.consents().size(), consents(l.consents())),
                profile(l.profile()));
    }

    private static Grid<IdentifierSource> identifiers(List<IdentifierSource> rows) {
        Grid<IdentifierSource> grid = new Grid<>(IdentifierSource.class, false);
        grid.setId("lineage-identifiers");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(IdentifierSource::kind)
                .setHeader("Kind")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setSortable(true);
        grid.addColumn(i -> orDash(i.hint()))
                .setHeader("Hint")
                .setFlexGrow(1)
                .setResizable(true)
                .setTooltipGenerator(i -> "Clear values are never shown; a hint only");
        grid.addColumn(i -> orDash(i.source()))
                .setHeader("Linked by")
                .setAutoWidth(true)
                .setSortable(true);
        grid.addColumn(i -> percent(i.confidence()))
                .setHeader("Confidence")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(IdentifierSource::confidence);
        grid.addColumn(i -> time(i.firstSeen()))
                .setHeader("First seen (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Comparator.comparing(
                        IdentifierSource::firstSeen, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.addColumn(i -> time(i.lastSeen()))
                .setHeader("Last seen (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Comparator.comparing(
                        IdentifierSource::lastSeen, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.setEmptyStateText(
                "No identifiers: the subject is not in the identity graph yet (no identify or alias call, no event "
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
        grid.addColumn(EventSource::subject)
                .setHeader("Subject")
                .setFlexGrow(1)
                .setResizable(true)
                .setSortable(true);
        grid.addColumn(EventSource::type).setHeader("Type").setAutoWidth(true).setSortable(true);
        grid.addColumn(e -> String.format(Locale.ROOT, "%,d", e.count()))
                .setHeader("Events")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(EventSource::count);
        grid.addColumn(e -> time(e.first()))
                .setHeader("First (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(
                        Comparator.comparing(EventSource::first, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.addColumn(e -> time(e.last()))
                .setHeader("Last (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(
                        Comparator.comparing(EventSource::last, Comparator.nullsLast(Comparator.naturalOrder())));
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
        grid.addColumn(ConsentRecord::subject)
                .setHeader("Subject")
                .setFlexGrow(1)
                .setResizable(true)
                .setSortable(true);
        grid.addColumn(ConsentRecord::purpose)
                .setHeader("Purpose")
                .setAutoWidth(true)
                .setSortable(true);
        grid.addComponentColumn(
                        c -> c.granted() ? Badges.badge("granted", "success") : Badges.badge("withdrawn", "error"))
                .setHeader("Decision")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(c -> c.granted() ? 0 : 1);
        grid.addColumn(c -> orDash(c.policyVersion()))
                .setHeader("Policy version")
                .setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(c -> orDash(c.source())).setHeader("Source").setAutoWidth(true);
        grid.addColumn(c -> time(c.at()))
                .setHeader("At (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(
                        Comparator.comparing(ConsentRecord::at, Comparator.nullsLast(Comparator.naturalOrder())));
        grid.setEmptyStateText(
                "No consent decisions recorded for these subjects (on a site with implied consent, none are needed until "
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
            box.add(note(
                    "lineage-profile-none",
                    "No profile: the person has not allowed personalization, has sent no events yet, or "
                            + "profile retention removed it."));
            return box;
        }
        ProfileSummary p = profile.get();
        FlexLayout facts = facts();
        facts.add(
                fact("Events", String.format(Locale.ROOT, "%,d", p.events())),
                fact("First seen (UTC)", time(p.firstSeen())),
                fact("Last seen (UTC)", time(p.lastSeen())));
        Div segments = new Div();
        segments.setId("lineage-segments");
        segments.addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.FlexWrap.WRAP,
                LumoUtility.Gap.XSMALL,
                LumoUtility.Margin.Top.SMALL);
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

    Registration addLookupListener(ComponentEventListener<LookupEvent> listener) {
        return addListener(LookupEvent.class, listener);
    }

    /** The user asked to look up the subject typed. */
    static final class LookupEvent extends ComponentEvent<PersonLineagePanel> {
        LookupEvent(PersonLineagePanel source) {
            super(source, false);
        }
    }
}
