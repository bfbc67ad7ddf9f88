package dev.attune.admin.understand;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
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
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.Grids;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.Profile;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One visitor's live profile: engagement, ratings, NPS, CSAT, sentiment and its trend, interests and devices as charts,
 * and what was derived from their recent events. Who may change profiles rebuilds it from the stored events, reported as
 * a {@link RebuildEvent}.
 */
class ProfilePanel extends VerticalLayout {
    private static final DateTimeFormatter TIME_OF_DAY =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private final boolean canRebuild;

    ProfilePanel(boolean canRebuild) {
        this.canRebuild = canRebuild;
        setPadding(false);
        setId("profile-detail");
    }

    /** Says there is no profile of this subject on the site. */
    void showNone(String who) {
        removeAll();
        Paragraph none =
                new Paragraph("No profile of " + who + " on this site: no events yet, or no personalization consent.");
        none.setId("profile-none");
        none.addClassNames(LumoUtility.TextColor.SECONDARY);
        add(none);
    }

    /**
     * Shows a profile with what was derived from its recent events; {@code update}: it was drawn again because an event
     * changed it (the "live" badge says when).
     */
    void show(Profile p, boolean update, List<EventEnrichment> recent) {
        removeAll();
        H3 title = new H3(p.subject());
        title.setId("profile-title");
        Span live = new Span(update ? "live · updated " + TIME_OF_DAY.format(Instant.now()) + " UTC" : "live");
        live.setId("profile-live");
        live.getElement().getThemeList().add("badge pill success small");
        Paragraph seen = new Paragraph(p.events() + " events from " + TIME.format(p.firstSeen()) + " to "
                + TIME.format(p.lastSeen()) + " UTC; scores as of " + TIME.format(p.asOf()) + " UTC.");
        seen.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        Button rebuild = new Button(
                "Rebuild from events", VaadinIcon.REFRESH.create(), e -> fireEvent(new RebuildEvent(this, p)));
        rebuild.setId("profile-rebuild");
        rebuild.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        rebuild.setVisible(canRebuild);
        HorizontalLayout head = new HorizontalLayout(title, live, rebuild);
        head.setAlignItems(Alignment.BASELINE);
        add(head, seen, figures(p));

        FlexLayout charts = new FlexLayout();
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        charts.getStyle().set("gap", "var(--lumo-space-m)");
        charts.add(
                chartBox("Interests: items", "profile-items", bars(p.items())),
                chartBox("Interests: attributes", "profile-attributes", bars(p.attributes())),
                chartBox("Devices", "profile-devices", pie(p.devices())));
        add(charts);

        add(new H4("What was derived from recent events"));
        Grid<EventEnrichment> derived = new Grid<>(EventEnrichment.class, false);
        derived.setId("profile-enrichments");
        derived.setAllRowsVisible(true);
        derived.addColumn(e -> TIME.format(e.occurredAt()))
                .setHeader("When (UTC)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(EventEnrichment::occurredAt);
        derived.addColumn(EventEnrichment::type)
                .setHeader("Event")
                .setAutoWidth(true)
                .setFlexGrow(0);
        derived.addComponentColumn(ProfilePanel::sentimentBadge)
                .setHeader("Sentiment")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(EventEnrichment::sentiment);
        derived.addColumn(e -> e.language() == null ? "" : e.language())
                .setHeader("Language")
                .setAutoWidth(true)
                .setFlexGrow(0);
        derived.addColumn(e -> join(e.deviceClass(), e.browser(), e.os()))
                .setHeader("Device")
                .setAutoWidth(true);
        derived.addColumn(e -> e.localHour() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                "%02d:00, %s",
                                e.localHour(),
                                DayOfWeek.of(e.weekday()).getDisplayName(TextStyle.SHORT, Locale.ENGLISH)))
                .setHeader("Local time")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(EventEnrichment::localHour);
        derived.addColumn(e -> e.referrerClass() == null ? "" : e.referrerClass())
                .setHeader("Referrer")
                .setAutoWidth(true)
                .setFlexGrow(0);
        derived.addColumn(e -> e.sessionDepth() == null ? "" : String.valueOf(e.sessionDepth()))
                .setHeader("Page in session")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(EventEnrichment::sessionDepth);
        derived.addColumn(e -> String.join(", ", e.keywords()))
                .setHeader("Keywords")
                .setAutoWidth(true);
        Grids.sortable(derived);
        derived.setItems(recent);
        derived.setEmptyStateText("Nothing derived yet.");
        add(derived);
    }

    private static Component figures(Profile p) {
        FlexLayout row = new FlexLayout();
        row.setId("profile-figures");
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.getStyle().set("gap", "var(--lumo-space-s)");
        row.add(
                figure("Engagement", fmt(p.engagement(), 1)),
                figure(
                        "Average rating",
                        p.averageRating() == null ? "—" : fmt(p.averageRating(), 2) + " (" + p.ratings() + ")"),
                figure("NPS", p.latestNps() == null ? "—" : p.latestNps() + " · " + p.npsClass()),
                figure(
                        "CSAT",
                        p.latestCsat() == null ? "—" : p.latestCsat() + " (avg " + fmt(p.averageCsat(), 1) + ")"),
                figure(
                        "Sentiment",
                        p.sentiment() == null
                                ? "—"
                                : fmt(p.sentiment(), 2) + " over " + p.sentimentTexts() + " text"
                                        + (p.sentimentTexts() == 1 ? "" : "s")),
                figure(
                        "Sentiment trend",
                        p.sentimentTrend() == null
                                ? "—"
                                : String.format(
                                        Locale.ROOT,
                                        "%+.2f a day %s",
                                        p.sentimentTrend(),
                                        p.sentimentTrend() > 0.01 ? "↗" : p.sentimentTrend() < -0.01 ? "↘" : "→")),
                figure("Events", String.valueOf(p.events())));
        return row;
    }

    private static Component figure(String label, String value) {
        Span v = new Span(value);
        v.addClassNames(LumoUtility.FontSize.XLARGE, LumoUtility.FontWeight.SEMIBOLD);
        Span l = new Span(label);
        l.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Div card = new Div(l, new Div(v));
        card.addClassNames(
                LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.CONTRAST_5);
        card.setMinWidth("9rem");
        return card;
    }

    private static Component chartBox(String title, String id, JsonObject option) {
        EChart chart = new EChart();
        chart.setId(id);
        chart.setHeight("16rem");
        chart.setOption(option);
        Span label = new Span(title);
        label.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
        Div box = new Div(label, chart);
        box.getStyle().set("flex", "1 1 20rem").set("min-width", "18rem");
        return box;
    }

    /** The ten strongest scores as horizontal bars, negative ones red. */
    static JsonObject bars(List<Profile.Score> scores) {
        List<Profile.Score> top = scores.stream()
                .sorted((a, b) -> Double.compare(Math.abs(b.score()), Math.abs(a.score())))
                .limit(10)
                .sorted((a, b) -> Double.compare(a.score(), b.score()))
                .toList();
        JsonArrayBuilder names = JSON.createArrayBuilder();
        JsonArrayBuilder values = JSON.createArrayBuilder();
        for (Profile.Score s : top) {
            names.add(s.key());
            values.add(JSON.createObjectBuilder()
                    .add("value", Math.round(s.score() * 100) / 100.0)
                    .add("itemStyle", JSON.createObjectBuilder().add("color", s.score() < 0 ? "#e03131" : "#1a73e8")));
        }
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder().add("trigger", "axis"))
                .add(
                        "grid",
                        JSON.createObjectBuilder()
                                .add("left", 8)
                                .add("right", 16)
                                .add("top", 8)
                                .add("bottom", 8)
                                .add("containLabel", true))
                .add("xAxis", JSON.createObjectBuilder().add("type", "value"))
                .add("yAxis", JSON.createObjectBuilder().add("type", "category").add("data", names))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("type", "bar")
                                        .add("data", values)))
                .build();
    }

    static JsonObject pie(Map<String, Long> counts) {
        JsonArrayBuilder data = JSON.createArrayBuilder();
        counts.forEach(
                (k, v) -> data.add(JSON.createObjectBuilder().add("name", k).add("value", v)));
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder().add("trigger", "item"))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("type", "pie")
                                        .add(
                                                "radius",
                                                JSON.createArrayBuilder()
                                                        .add("40%")
                                                        .add("70%"))
                                        .add("data", data)))
                .build();
    }

    private static Component sentimentBadge(EventEnrichment e) {
        if (e.sentimentLabel() == null) {
            return new Span();
        }
        Span badge = new Span(e.sentimentLabel() + (e.sentiment() == null ? "" : " " + fmt(e.sentiment(), 2)));
        badge.getElement()
                .getThemeList()
                .add("badge pill"
                        + switch (e.sentimentLabel()) {
                            case "positive" -> " success";
                            case "negative" -> " error";
                            case "unknown" -> " contrast";
                            default -> "";
                        });
        return badge;
    }

    private static String join(String... parts) {
        return String.join(
                " · ",
                Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
    }

    static String fmt(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    Registration addRebuildListener(ComponentEventListener<RebuildEvent> listener) {
        return addListener(RebuildEvent.class, listener);
    }

    /** The user asked to rebuild the profile from the stored events (to compare with the live one). */
    static final class RebuildEvent extends ComponentEvent<ProfilePanel> {
        private final Profile profile;

        RebuildEvent(ProfilePanel source, Profile profile) {
            super(source, false);
            this.profile = profile;
        }

        /** The live profile as shown when asked. */
        Profile profile() {
            return profile;
        }
    }
}
