package dev.attune.admin.understand;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
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
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.Grids;
import dev.attune.admin.security.CurrentUser;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.ProfileService;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Live profiles of a site: the most recently seen, or one looked up by subject; a profile's figures, its strongest
 * interests (items and attributes, negative ones in red), its device mix, and what was derived from its recent
 * events (language, sentiment, device, local time, referrer, keywords). A rebuild from the stored events checks the
 * live profile.
 */
@Route(value = "profiles", layout = MainLayout.class)
@PageTitle("Profiles · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class ProfilesView extends VerticalLayout {
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ProfileService profiles;
    private final AuditLog audit;
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final TextField subject = new TextField("Subject");
    private final Grid<Profile> recent = new Grid<>(Profile.class, false);
    private final VerticalLayout detail = new VerticalLayout();

    @Inject
    public ProfilesView(SiteService sites, ProfileService profiles, AuditLog audit) {
        this.profiles = profiles;
        this.audit = audit;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh());
        subject.setId("profiles-subject");
        subject.setPlaceholder("anonymous id or user id");
        subject.setClearButtonVisible(true);
        Button lookUp = new Button("Look up", VaadinIcon.SEARCH.create(), e -> lookUp());
        lookUp.setId("profiles-look-up");
        lookUp.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        HorizontalLayout bar = new HorizontalLayout(site, subject, lookUp);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);

        recent.setId("profiles-grid");
        recent.setAllRowsVisible(true);
        recent.addColumn(Profile::subject).setHeader("Subject").setAutoWidth(true).setFlexGrow(1);
        recent.addColumn(Profile::events).setHeader("Events").setAutoWidth(true).setFlexGrow(0).setSortable(true);
        recent.addColumn(p -> fmt(p.engagement(), 1)).setHeader("Engagement").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Profile::engagement);
        recent.addColumn(p -> p.items().isEmpty() ? "" : p.items().get(0).key()).setHeader("Top interest").setAutoWidth(true);
        recent.addColumn(p -> p.npsClass() == null ? "" : p.latestNps() + " (" + p.npsClass() + ")").setHeader("NPS").setAutoWidth(true)
                .setComparator(Profile::latestNps);
        recent.addColumn(p -> p.sentiment() == null ? "" : fmt(p.sentiment(), 2)).setHeader("Sentiment").setAutoWidth(true)
                .setComparator(Profile::sentiment);
        recent.addColumn(p -> TIME.format(p.lastSeen())).setHeader("Last seen (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Profile::lastSeen);
        Grids.sortable(recent);
        recent.setEmptyStateText("No profiles yet: they appear as visitors who allow personalization send events.");
        recent.addItemClickListener(e -> show(e.getItem().subject()));
        detail.setPadding(false);
        detail.setId("profile-detail");
        add(new H2("Profiles"), bar, new H4("Recently seen"), recent, detail);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        detail.removeAll();
        shownSubject = null;
        shown = null;
        recent.setItems(site.getValue() == null ? List.of() : profiles.recent(site.getValue().id(), 20));
    }

    private void lookUp() {
        if (site.getValue() != null && !subject.getValue().isBlank()) {
            show(subject.getValue().strip());
        }
    }

    /** The profile on show and what it looked like, so the poll can tell when an event changed it. */
    private String shownSubject;
    private Profile shown;
    private com.vaadin.flow.shared.Registration polling;

    /** While a profile is on show the page polls every 1.5 s; a changed profile is drawn again ("live"). */
    @Override
    protected void onAttach(com.vaadin.flow.component.AttachEvent event) {
        super.onAttach(event);
        event.getUI().setPollInterval(1500);
        polling = event.getUI().addPollListener(e -> {
            if (shownSubject == null || site.getValue() == null) {
                return;
            }
            Optional<Profile> now = profiles.find(site.getValue().id(), shownSubject);
            if (now.isPresent() && (shown == null || now.get().events() != shown.events() || !now.get().asOf().equals(shown.asOf()))) {
                render(now.get(), true);
            }
        });
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
        super.onDetach(event);
    }

    private void show(String who) {
        detail.removeAll();
        shownSubject = who;
        shown = null;
        Optional<Profile> found = profiles.find(site.getValue().id(), who);
        if (found.isEmpty()) {
            Paragraph none = new Paragraph("No profile of " + who + " on this site: no events yet, or no personalization consent.");
            none.setId("profile-none");
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            detail.add(none);
            return;
        }
        audit.record("profile.read", site.getValue().id() + "/" + who, AuditLog.AuditOutcome.SUCCESS, Map.of("via", "console"));
        render(found.get(), false);
    }

    private void render(Profile p, boolean update) {
        detail.removeAll();
        shown = p;
        H3 title = new H3(p.subject());
        title.setId("profile-title");
        Span live = new Span(update ? "live · updated " + TIME_OF_DAY.format(java.time.Instant.now()) + " UTC" : "live");
        live.setId("profile-live");
        live.getElement().getThemeList().add("badge pill success small");
        Paragraph seen = new Paragraph(p.events() + " events from " + TIME.format(p.firstSeen()) + " to " + TIME.format(p.lastSeen())
                + " UTC; scores as of " + TIME.format(p.asOf()) + " UTC.");
        seen.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        Button rebuild = new Button("Rebuild from events", VaadinIcon.REFRESH.create(), e -> rebuild(p));
        rebuild.setId("profile-rebuild");
        rebuild.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        rebuild.setVisible(CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST));
        HorizontalLayout head = new HorizontalLayout(title, live, rebuild);
        head.setAlignItems(Alignment.BASELINE);
        detail.add(head, seen, figures(p));

        FlexLayout charts = new FlexLayout();
        charts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        charts.setWidthFull();
        charts.getStyle().set("gap", "var(--lumo-space-m)");
        charts.add(chartBox("Interests: items", "profile-items", bars(p.items())), chartBox("Interests: attributes", "profile-attributes",
                bars(p.attributes())), chartBox("Devices", "profile-devices", pie(p.devices())));
        detail.add(charts);

        detail.add(new H4("What was derived from recent events"));
        Grid<EventEnrichment> derived = new Grid<>(EventEnrichment.class, false);
        derived.setId("profile-enrichments");
        derived.setAllRowsVisible(true);
        derived.addColumn(e -> TIME.format(e.occurredAt())).setHeader("When (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(EventEnrichment::occurredAt);
        derived.addColumn(EventEnrichment::type).setHeader("Event").setAutoWidth(true).setFlexGrow(0);
        derived.addComponentColumn(ProfilesView::sentimentBadge).setHeader("Sentiment").setAutoWidth(true).setFlexGrow(0)
                .setComparator(EventEnrichment::sentiment);
        derived.addColumn(e -> e.language() == null ? "" : e.language()).setHeader("Language").setAutoWidth(true).setFlexGrow(0);
        derived.addColumn(e -> join(e.deviceClass(), e.browser(), e.os())).setHeader("Device").setAutoWidth(true);
        derived.addColumn(e -> e.localHour() == null ? "" : String.format(Locale.ROOT, "%02d:00, %s", e.localHour(),
                java.time.DayOfWeek.of(e.weekday()).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH)))
                .setHeader("Local time").setAutoWidth(true).setFlexGrow(0).setComparator(EventEnrichment::localHour);
        derived.addColumn(e -> e.referrerClass() == null ? "" : e.referrerClass()).setHeader("Referrer").setAutoWidth(true).setFlexGrow(0);
        derived.addColumn(e -> e.sessionDepth() == null ? "" : String.valueOf(e.sessionDepth())).setHeader("Page in session")
                .setAutoWidth(true).setFlexGrow(0).setComparator(EventEnrichment::sessionDepth);
        derived.addColumn(e -> String.join(", ", e.keywords())).setHeader("Keywords").setAutoWidth(true);
        Grids.sortable(derived);
        derived.setItems(profiles.enrichments(site.getValue().id(), p.subject(), 25));
        derived.setEmptyStateText("Nothing derived yet.");
        detail.add(derived);
    }

    private void rebuild(Profile live) {
        Optional<Profile> rebuilt = profiles.rebuild(site.getValue().id(), live.subject());
        if (rebuilt.isEmpty()) {
            Notification.show("Nothing to rebuild from (no events, or no personalization consent)", 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        } else {
            boolean same = rebuilt.get().events() == live.events() && Math.abs(rebuilt.get().engagement() - live.engagement()) < 1e-6;
            Notification.show("Rebuilt from " + rebuilt.get().events() + " stored events" + (same ? ": the same as the live profile."
                    : " (the live profile had " + live.events() + ")."), 5000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(same ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_CONTRAST);
        }
        show(live.subject());
    }

    private static Component figures(Profile p) {
        FlexLayout row = new FlexLayout();
        row.setId("profile-figures");
        row.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        row.getStyle().set("gap", "var(--lumo-space-s)");
        row.add(figure("Engagement", fmt(p.engagement(), 1)), figure("Average rating", p.averageRating() == null ? "—"
                        : fmt(p.averageRating(), 2) + " (" + p.ratings() + ")"),
                figure("NPS", p.latestNps() == null ? "—" : p.latestNps() + " · " + p.npsClass()),
                figure("CSAT", p.latestCsat() == null ? "—" : p.latestCsat() + " (avg " + fmt(p.averageCsat(), 1) + ")"),
                figure("Sentiment", p.sentiment() == null ? "—" : fmt(p.sentiment(), 2) + " over " + p.sentimentTexts() + " text"
                        + (p.sentimentTexts() == 1 ? "" : "s")),
                figure("Sentiment trend", p.sentimentTrend() == null ? "—" : String.format(Locale.ROOT, "%+.2f a day %s", p.sentimentTrend(),
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
        card.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.CONTRAST_5);
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
        List<Profile.Score> top = scores.stream().sorted((a, b) -> Double.compare(Math.abs(b.score()), Math.abs(a.score()))).limit(10)
                .sorted((a, b) -> Double.compare(a.score(), b.score())).toList();
        JsonArrayBuilder names = JSON.createArrayBuilder();
        JsonArrayBuilder values = JSON.createArrayBuilder();
        for (Profile.Score s : top) {
            names.add(s.key());
            values.add(JSON.createObjectBuilder().add("value", Math.round(s.score() * 100) / 100.0)
                    .add("itemStyle", JSON.createObjectBuilder().add("color", s.score() < 0 ? "#e03131" : "#1a73e8")));
        }
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder().add("trigger", "axis"))
                .add("grid", JSON.createObjectBuilder().add("left", 8).add("right", 16).add("top", 8).add("bottom", 8).add("containLabel", true))
                .add("xAxis", JSON.createObjectBuilder().add("type", "value"))
                .add("yAxis", JSON.createObjectBuilder().add("type", "category").add("data", names))
                .add("series", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("type", "bar").add("data", values)))
                .build();
    }

    static JsonObject pie(Map<String, Long> counts) {
        JsonArrayBuilder data = JSON.createArrayBuilder();
        counts.forEach((k, v) -> data.add(JSON.createObjectBuilder().add("name", k).add("value", v)));
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder().add("trigger", "item"))
                .add("series", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("type", "pie").add("radius",
                        JSON.createArrayBuilder().add("40%").add("70%")).add("data", data)))
                .build();
    }

    private static Component sentimentBadge(EventEnrichment e) {
        if (e.sentimentLabel() == null) {
            return new Span();
        }
        Span badge = new Span(e.sentimentLabel() + (e.sentiment() == null ? "" : " " + fmt(e.sentiment(), 2)));
        badge.getElement().getThemeList().add("badge pill" + switch (e.sentimentLabel()) {
            case "positive" -> " success";
            case "negative" -> " error";
            case "unknown" -> " contrast";
            default -> "";
        });
        return badge;
    }

    private static String join(String... parts) {
        return String.join(" · ", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
    }

    private static String fmt(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }
}
