package dev.attune.admin.govern;

import static dev.attune.admin.govern.LineageParts.card;
import static dev.attune.admin.govern.LineageParts.fact;
import static dev.attune.admin.govern.LineageParts.facts;
import static dev.attune.admin.govern.LineageParts.fit;
import static dev.attune.admin.govern.LineageParts.note;
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
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.components.Badges;
import dev.attune.admin.components.Grids;
import dev.attune.admin.components.Ids;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.LineageService.Derived;
import dev.attune.personalization.api.LineageService.EventLineage;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The "Event" tab of lineage: an event id to look up, and what Attune derived from that event (its enrichment exactly;
 * the profile, segments, rules, recommendations and experiments of the same person within a minute after it). "Show
 * lineage" (or Enter) is reported as a {@link LookupEvent}; the view reads {@link #eventId()} and shows the outcome
 * here. "Person lineage" on a shown event is reported as an {@link OpenPersonEvent}.
 */
class EventLineagePanel extends VerticalLayout {
    private static final String EXACT = "exact";
    private static final String NEARBY = "same person within a minute";

    final TextField eventId = new TextField("Event id");
    final Button show = new Button("Show lineage", VaadinIcon.SITEMAP.create());
    final VerticalLayout result = new VerticalLayout();

    EventLineagePanel() {
        eventId.setId("lineage-event-id");
        eventId.setWidth("24rem");
        eventId.setPlaceholder("3f2c9a10-5d7e-4b1a-9c3e-0d8f6a2b4c11");
        eventId.setClearButtonVisible(true);
        eventId.setHelperText("The event's id as sent (\"id\") or as listed in the feedback explorer");
        eventId.addKeyPressListener(Key.ENTER, e -> fireEvent(new LookupEvent(this)));
        show.addClickListener(e -> fireEvent(new LookupEvent(this)));
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.setId("lineage-event-show");
        HorizontalLayout bar = new HorizontalLayout(eventId, show);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        result.setPadding(false);
        result.setId("lineage-event-result");
        add(bar, result);
        setPadding(false);
    }

    /** Looks this id up (as a link asks to). */
    void setEventId(String id) {
        eventId.setValue(id);
    }

    /**
     * The event id typed, if it is one. Blank shows what to enter; anything but a UUID is marked on the field. Either
     * way the result is cleared.
     */
    Optional<UUID> eventId() {
        String raw = eventId.getValue() == null ? "" : eventId.getValue().strip();
        if (raw.isEmpty()) {
            showEmpty();
            return Optional.empty();
        }
        Optional<UUID> id = Ids.uuid(raw);
        if (id.isEmpty()) {
            eventId.setErrorMessage("Not an event id (a UUID such as 3f2c9a10-5d7e-…)");
            eventId.setInvalid(true);
            showEmpty();
        }
        return id;
    }

    /** Takes back what {@link #eventId()} marked. */
    void clearError() {
        eventId.setInvalid(false);
    }

    void showEmpty() {
        result.removeAll();
        result.add(note(
                "lineage-event-empty",
                "Enter an event id, or open one from Collect → Feedback explorer (the \"Lineage\" "
                        + "link of each row)."));
    }

    void showNone(UUID id, String siteName) {
        result.removeAll();
        result.add(note(
                "lineage-event-none",
                "No event " + id + " on " + siteName + ": it was never stored there (check the "
                        + "site), or retention or an erasure has removed it since."));
    }

    void showUnknownSite() {
        result.removeAll();
        result.add(note(
                "lineage-unknown-site",
                "The link names a site that does not exist (any more). Choose a site and look "
                        + "the event up again."));
    }

    /** Shows what was derived from the event. */
    void showLineage(SiteSummary s, EventLineage l) {
        result.removeAll();
        H3 title = new H3("Event " + l.type());
        title.addClassNames(LumoUtility.Margin.NONE, LumoUtility.FontSize.LARGE);
        Button person = new Button(
                "Person lineage", VaadinIcon.USER.create(), e -> fireEvent(new OpenPersonEvent(this, l.subject())));
        person.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        person.setId("lineage-event-open-person");
        person.setTooltipText("Everything held about " + l.subject() + " and where it came from");
        HorizontalLayout head = new HorizontalLayout(title, Badges.badge(l.type(), "contrast"), person);
        head.setAlignItems(Alignment.BASELINE);
        head.setWrap(true);

        FlexLayout facts = facts();
        facts.add(
                fact("Event id", l.eventId().toString()),
                fact("Subject", l.subject()),
                fact("Person", l.personKey()),
                fact("Occurred (UTC)", time(l.occurredAt())),
                fact("Received (UTC)", time(l.receivedAt())),
                fact("Site", s.name()));
        Div header = card("lineage-event-header", head, facts);
        l.enrichment().ifPresent(x -> header.add(enrichment(x)));

        Grid<Derived> derived = new Grid<>(Derived.class, false);
        derived.setId("lineage-derived");
        derived.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        derived.addComponentColumn(d -> Badges.badge(d.kind(), kindVariant(d.kind())))
                .setHeader("Kind")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Derived::kind);
        derived.addColumn(Derived::what)
                .setHeader("What")
                .setFlexGrow(1)
                .setResizable(true)
                .setTooltipGenerator(Derived::what);
        derived.addColumn(d -> time(d.at()))
                .setHeader("At (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(Comparator.comparing(Derived::at, Comparator.nullsLast(Comparator.naturalOrder())));
        derived.addComponentColumn(d -> d.exact() ? Badges.badge(EXACT, "success") : Badges.badge(NEARBY, "contrast"))
                .setHeader("Link to the event")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(d -> d.exact() ? 0 : 1);
        derived.setEmptyStateText(
                "Nothing derived from this event (yet): enrichment and the profile follow within seconds when the "
                        + "visitor allows personalization; without that consent nothing is derived.");
        List<Derived> rows = new ArrayList<>(l.derived());
        rows.sort(Comparator.comparing((Derived d) -> !d.exact())
                .thenComparing(Derived::at, Comparator.nullsLast(Comparator.naturalOrder())));
        Grids.sortable(derived);
        derived.setItems(rows);
        fit(derived, rows.size());

        Paragraph legend = new Paragraph(
                "\"" + EXACT + "\": computed from this event itself. \"" + NEARBY + "\": computed from the "
                        + "person's state within a minute after this event arrived, which the event fed (along with anything else they did then).");
        legend.addClassNames(
                LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.XSMALL, LumoUtility.Margin.Vertical.NONE);
        result.add(header, new H4("Derived from it (" + rows.size() + ")"), derived, legend);
    }

    /** What the enrichment found, as small labelled values (only those known). */
    private static Component enrichment(EventEnrichment x) {
        FlexLayout facts = facts();
        facts.setId("lineage-event-enrichment");
        if (x.language() != null) {
            facts.add(fact("Language", x.language()));
        }
        if (x.sentiment() != null || x.sentimentLabel() != null) {
            facts.add(fact(
                    "Sentiment",
                    (x.sentimentLabel() == null ? "" : x.sentimentLabel())
                            + (x.sentiment() == null ? "" : String.format(Locale.ROOT, " (%+.2f)", x.sentiment()))));
        }
        if (x.deviceClass() != null) {
            facts.add(fact(
                    "Device",
                    x.deviceClass()
                            + (x.browser() == null ? "" : " · " + x.browser())
                            + (x.os() == null ? "" : " · " + x.os())));
        }
        if (x.localHour() != null) {
            facts.add(fact(
                    "Local time",
                    String.format(Locale.ROOT, "%02d h", x.localHour())
                            + (x.weekday() == null
                                    ? ""
                                    : ", "
                                            + DayOfWeek.of(x.weekday())
                                                    .getDisplayName(TextStyle.SHORT, Locale.ENGLISH))));
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

    Registration addLookupListener(ComponentEventListener<LookupEvent> listener) {
        return addListener(LookupEvent.class, listener);
    }

    Registration addOpenPersonListener(ComponentEventListener<OpenPersonEvent> listener) {
        return addListener(OpenPersonEvent.class, listener);
    }

    /** The user asked to look up the event id typed. */
    static final class LookupEvent extends ComponentEvent<EventLineagePanel> {
        LookupEvent(EventLineagePanel source) {
            super(source, false);
        }
    }

    /** The user asked for the lineage of the person behind the shown event. */
    static final class OpenPersonEvent extends ComponentEvent<EventLineagePanel> {
        private final String subject;

        OpenPersonEvent(EventLineagePanel source, String subject) {
            super(source, false);
            this.subject = subject;
        }

        String subject() {
            return subject;
        }
    }
}
