package dev.attune.admin.dashboard;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.ConsoleTasks;
import dev.attune.admin.collect.QuarantineView;
import dev.attune.admin.components.Problems;
import dev.attune.admin.experiment.ExperimentsView;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.QuarantineReason;
import dev.attune.feedback.api.QuarantineService;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.personalization.api.KpiService.Bucket;
import dev.attune.personalization.api.KpiService.Kpis;
import dev.attune.personalization.api.KpiService.Values;
import dev.attune.personalization.api.KpiService;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The dashboard, where every role lands: a site's KPIs over a time range (events, feedback interaction rate, NPS,
 * CSAT, rating, sentiment and its trend, recommendation click-through, conversion, running experiments) and charts of
 * them over time, by device and by language, of recommendations and of quarantine. Device and language filters narrow
 * the feedback figures (not events/s, recommendations and quarantine, which are site-wide). While shown it updates
 * itself every 5 s, pushed from the server (a task scheduled while the view is attached refreshes it inside
 * {@code UI.access}; the browser sends nothing for it): values and charts change, the filters stay as they are.
 * The site and range chosen are kept for the session. A site without events in the range says how to send some.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Dashboard · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class OverviewView extends VerticalLayout {
    /** How often the page refreshes itself while shown. */
    static final int REFRESH_MILLIS = 5000;
    private static final String SESSION_SITE = OverviewView.class.getName() + ".site";
    private static final String SESSION_RANGE = OverviewView.class.getName() + ".range";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);
    /** Running experiments listed on their card; more are counted. */
    private static final int MAX_EXPERIMENTS = 5;

    private final KpiService kpis;
    private final ExperimentService experiments;
    private final QuarantineService quarantine;
    private final ConsoleTasks tasks;
    private final List<SiteSummary> sites;

    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Select<DashboardRange> range = new Select<>();
    private final Select<String> device = new Select<>();
    private final Select<String> language = new Select<>();
    private final Span live = new Span();
    private final Span updated = new Span();

    private final DashboardKpi eventsPerSecond = new DashboardKpi("kpi-eps", "Events/s now",
            "Events per second over the last five minutes, site-wide (the filters do not apply)");
    private final DashboardKpi events = new DashboardKpi("kpi-events", "Events", "Every event received in the range");
    private final DashboardKpi interaction = new DashboardKpi("kpi-interaction", "Feedback interaction rate",
            "Explicit feedback (ratings, thumbs, NPS, CSAT, texts, survey answers) per page view");
    private final DashboardKpi nps = new DashboardKpi("kpi-nps", "NPS",
            "Promoters (9–10) minus detractors (0–6) as a percentage of NPS answers, from −100 to +100");
    private final DashboardKpi csat = new DashboardKpi("kpi-csat", "CSAT", "Average CSAT answer (1–5) and the share satisfied (4 or 5)");
    private final DashboardKpi rating = new DashboardKpi("kpi-rating", "Average rating", "Average of the ratings (1–5) in the range");
    private final DashboardKpi sentiment = new DashboardKpi("kpi-sentiment", "Average sentiment",
            "Average sentiment of free texts, from −1 (negative) to 1 (positive); the arrow compares the second half of the range with the first");
    private final DashboardKpi ctr = new DashboardKpi("kpi-ctr", "Recommendation click-through",
            "Share of served recommendation lists rewarded by a click, cart, purchase or good rating within 30 minutes; site-wide");
    private final DashboardKpi conversion = new DashboardKpi("kpi-conversion", "Conversion", "Purchases per page view");
    private final DashboardKpi running = new DashboardKpi("kpi-experiments", "Running experiments",
            "Experiments of this site running now; open one under Experiment → Experiments");

    /** The NPS card's split bar (promoters, passives, detractors) and the sentiment card's trend, updated in place. */
    private final Div promoterBar = splitPart("var(--lumo-success-color)");
    private final Div passiveBar = splitPart("var(--lumo-contrast-30pct)");
    private final Div detractorBar = splitPart("var(--lumo-error-color)");
    private final Span trend = new Span();
    private final Div experimentLinks = new Div();
    /** What the experiment links show, to rebuild them only when it changed. */
    private List<String> experimentsShown = List.of();

    private final DashboardCard eventsChart = new DashboardCard("chart-events", "Events over time", "attune-events");
    private final DashboardCard ratingsChart = new DashboardCard("chart-ratings", "Ratings & sentiment", "attune-ratings-sentiment");
    private final DashboardCard npsChart = new DashboardCard("chart-nps", "NPS split over time", "attune-nps");
    private final DashboardCard breakdownChart = new DashboardCard("chart-breakdown", "By device, language and segment", "attune-breakdown");
    private final DashboardCard recommendationsChart = new DashboardCard("chart-recommendations", "Recommendations",
            "attune-recommendations");
    private final DashboardCard quarantineChart = new DashboardCard("chart-quarantine", "Quarantine & bot share", "attune-quarantine");

    private final Div emptyState = new Div();
    private final Div charts = new Div();
    private final FlexLayout cards = new FlexLayout();

    /** The browser's time zone once known: minute and hour labels follow it; days are UTC days. */
    private ZoneId zone = ZoneOffset.UTC;
    /** Set while the filter options are replaced, so the momentary clearing does not count as a choice. */
    private boolean updatingFilters;
    /** The options each filter shows now. */
    private final Map<Select<String>, List<String>> filterOptions = new HashMap<>();
    /** What the empty state says now, to rebuild it only when that changes. */
    private String emptyShown = "";
    /** The live refresh while the view is attached. */
    private volatile ScheduledFuture<?> ticking;
    /** A live refresh is queued or running: the next tick skips rather than pile up behind a slow one. */
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** The last refresh failed: the next failure of a live update is not shown again. */
    private boolean failing;
    /** What the live indicator shows now (null: not yet set). */
    private Boolean liveOk;

    /** Quarantine counts of complete buckets, by bucket start; valid for {@link #quarantineKey} (site and range). */
    private final Map<Instant, Map<QuarantineReason, Long>> quarantineClosed = new HashMap<>();
    private String quarantineKey;

    @Inject
    public OverviewView(SiteService siteService, KpiService kpis, ExperimentService experiments, QuarantineService quarantine,
                        ConsoleTasks tasks) {
        this.kpis = kpis;
        this.experiments = experiments;
        this.quarantine = quarantine;
        this.tasks = tasks;
        sites = siteService.listSites();
        setWidthFull();
        add(new H2("Dashboard"));
        if (sites.isEmpty()) {
            Paragraph none = new Paragraph("No site yet. Create one under Collect → Sites & keys, then send events with the widget "
                    + "or with its secret key to POST /api/v1/events.");
            none.setId("dashboard-empty");
            add(none);
            return;
        }
        add(toolbar());
        configureCards();
        configureCharts();
        emptyState.setId("dashboard-empty");
        emptyState.setVisible(false);
        emptyState.addClassNames(LumoUtility.Padding.MEDIUM, LumoUtility.BorderRadius.LARGE, LumoUtility.Background.CONTRAST_5,
                LumoUtility.Width.FULL);
        add(cards, emptyState, charts);

        site.setValue(remembered());
        getElement().getNode().runWhenAttached(ui -> ui.getPage().retrieveExtendedClientDetails(details -> {
            ZoneId browser;
            try {
                browser = ZoneId.of(details.getTimeZoneId());
            } catch (RuntimeException e) {
                return;
            }
            if (!browser.getRules().equals(zone.getRules())) {
                zone = browser;
                refresh(false);
            }
        }));
    }

    // ------------------------------------------------------------------ layout

    private HorizontalLayout toolbar() {
        site.setItems(sites);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setId("dashboard-site");
        site.setWidth("18rem");
        site.addValueChangeListener(e -> {
            if (e.getValue() == null) {
                return;
            }
            VaadinSession.getCurrent().setAttribute(SESSION_SITE, e.getValue().id());
            updatingFilters = true;
            device.setValue(null);
            language.setValue(null);
            updatingFilters = false;
            refresh(false);
        });
        range.setLabel("Time range");
        range.setItems(DashboardRange.values());
        range.setItemLabelGenerator(DashboardRange::label);
        range.setId("dashboard-range");
        Object keptRange = VaadinSession.getCurrent().getAttribute(SESSION_RANGE);
        range.setValue(keptRange instanceof DashboardRange r ? r : DashboardRange.LAST_24_HOURS);
        range.addValueChangeListener(e -> {
            VaadinSession.getCurrent().setAttribute(SESSION_RANGE, e.getValue());
            refresh(false);
        });
        configureFilter(device, "Device", "dashboard-device", d -> d.equals("unknown") ? "unknown" : d);
        configureFilter(language, "Language", "dashboard-language", DashboardCharts::languageLabel);

        live.setId("dashboard-live");
        updated.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        showLive(true, null);
        HorizontalLayout indicator = new HorizontalLayout(live, updated);
        indicator.setSpacing(false);
        indicator.addClassNames(LumoUtility.Gap.SMALL, LumoUtility.Margin.Left.AUTO);
        indicator.setAlignItems(Alignment.CENTER);

        HorizontalLayout bar = new HorizontalLayout(site, range, device, language, indicator);
        bar.setAlignItems(Alignment.BASELINE);
        bar.setWrap(true);
        bar.setWidthFull();
        return bar;
    }

    private void configureFilter(Select<String> select, String label, String id, java.util.function.Function<String, String> caption) {
        select.setLabel(label);
        select.setId(id);
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption("All");
        select.setItemLabelGenerator(v -> v == null ? "All" : caption.apply(v));
        select.setWidth("11rem");
        select.addValueChangeListener(e -> {
            if (!updatingFilters) {
                refresh(false);
            }
        });
    }

    private void configureCards() {
        Div split = new Div(promoterBar, passiveBar, detractorBar);
        split.addClassNames(LumoUtility.Display.FLEX, LumoUtility.Width.FULL, LumoUtility.BorderRadius.SMALL, LumoUtility.Overflow.HIDDEN);
        split.getStyle().set("height", "0.5rem");
        split.setId("kpi-nps-split");
        nps.setExtra(split);
        trend.setId("kpi-sentiment-trend");
        sentiment.setExtra(trend);
        experimentLinks.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        running.setExtra(experimentLinks);
        cards.add(eventsPerSecond, events, interaction, nps, csat, rating, sentiment, ctr, conversion, running);
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.addClassNames(LumoUtility.Gap.MEDIUM);
        cards.setWidthFull();
        cards.setId("dashboard-kpis");
    }

    private void configureCharts() {
        breakdownChart.spanAllColumns();
        breakdownChart.setChartHeight((DashboardCharts.BREAKDOWN_BAND * 3 + 30) + "px");
        charts.add(eventsChart, ratingsChart, npsChart, recommendationsChart, breakdownChart, quarantineChart);
        charts.setId("dashboard-charts");
        charts.setWidthFull();
        charts.getStyle().set("display", "grid").set("gap", "var(--lumo-space-m)")
                .set("grid-template-columns", "repeat(auto-fit, minmax(min(100%, 30rem), 1fr))");
    }

    private static Div splitPart(String color) {
        Div part = new Div();
        part.getStyle().set("background", color).set("height", "100%").set("width", "0");
        return part;
    }

    private SiteSummary remembered() {
        Object kept = VaadinSession.getCurrent().getAttribute(SESSION_SITE);
        return sites.stream().filter(s -> s.id().equals(kept)).findFirst().orElse(sites.get(0));
    }

    // ------------------------------------------------------------------ live updates

    /**
     * Starts the live refresh: every {@value #REFRESH_MILLIS} ms a task on the container's scheduler queues a refresh
     * with {@code UI.access} (under the session lock, like a request), and server push sends what changed. A tick
     * while the previous refresh is still queued or running is skipped. Detaching (navigating away, closing the tab
     * once the session notices, signing out) stops it.
     */
    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (sites.isEmpty()) {
            return;
        }
        stopLive();
        UI ui = event.getUI();
        ticking = tasks.scheduler().scheduleWithFixedDelay(() -> tick(ui), REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stopLive();
        super.onDetach(event);
    }

    private void tick(UI ui) {
        if (ui.isClosing() || ui.getSession() == null) {
            stopLive();
            return;
        }
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            ui.access(() -> {
                try {
                    if (isAttached()) {
                        refresh(true);
                    }
                } finally {
                    refreshing.set(false);
                }
            });
        } catch (UIDetachedException e) {
            refreshing.set(false);
            stopLive();
        } catch (RuntimeException e) {
            refreshing.set(false); // e.g. the session was closed meanwhile; the next tick checks again
        }
    }

    private void stopLive() {
        ScheduledFuture<?> running = ticking;
        ticking = null;
        if (running != null) {
            running.cancel(false);
        }
    }

    private void showLive(boolean ok, String problem) {
        if (liveOk != null && liveOk == ok && ok) {
            return;
        }
        liveOk = ok;
        live.setText(ok ? "● Live" : "● Offline");
        live.getElement().getThemeList().clear();
        live.getElement().getThemeList().add("badge pill small " + (ok ? "success" : "error"));
        live.getElement().setAttribute("title", ok ? "Updates itself every " + REFRESH_MILLIS / 1000 + " s while shown"
                : "The last update failed: " + problem);
    }

    // ------------------------------------------------------------------ refresh

    /**
     * Reads the KPIs of the chosen site, range and filters and shows them. A live update ({@code live}) changes
     * values and charts only, and shows a failure once (the live indicator turns "Offline" until an update works).
     */
    private void refresh(boolean live) {
        SiteSummary chosen = site.getValue();
        DashboardRange r = range.getValue();
        if (chosen == null || r == null) {
            return;
        }
        try {
            Instant now = Instant.now();
            Instant from = r.from(now);
            Kpis k = kpis.kpis(chosen.id(), from, now, r.bucket(), device.getValue(), language.getValue());
            updateFilters(k);
            List<Instant> grid = r.grid(now);
            List<Values> slots = slots(grid, r.bucket(), k.series());
            long quarantined = showQuarantine(chosen.id(), r, now, from, grid, slots);
            showKpis(k, slots);
            showExperiments(chosen.id());
            showCharts(r, grid, slots, k);
            showEmptyState(k, quarantined);
            failing = false;
            showLive(true, null);
            updated.setText("updated " + CLOCK.format(now.atZone(zone)));
        } catch (RuntimeException e) {
            if (!live || !failing) {
                Problems.show(e);
            }
            failing = true;
            showLive(false, Problems.describe(e));
        }
    }

    /**
     * Fills the device and language options from the breakdown keys. A dimension that is filtered keeps its options
     * (its breakdown has the chosen slice only); options change only when the keys do, and the choice stays.
     */
    private void updateFilters(Kpis k) {
        updatingFilters = true;
        try {
            if (device.getValue() == null) {
                options(device, k.byDevice().keySet());
            }
            if (language.getValue() == null) {
                options(language, k.byLocale().keySet());
            }
        } finally {
            updatingFilters = false;
        }
    }

    /** Sets the options of an unfiltered select (sorted, "unknown" last) when they changed: setting items clears a select. */
    private void options(Select<String> select, Set<String> keys) {
        List<String> sorted = keys.stream().filter(Objects::nonNull)
                .sorted(Comparator.comparing((String s) -> s.equals("unknown")).thenComparing(Comparator.naturalOrder())).toList();
        if (!sorted.equals(filterOptions.get(select))) {
            filterOptions.put(select, sorted);
            select.setItems(sorted);
        }
    }

    /** The series as one slot per bucket of the grid: buckets without a row are zeros. */
    private static List<Values> slots(List<Instant> grid, Bucket bucket, List<KpiService.Point> series) {
        List<List<Values>> parts = new ArrayList<>();
        grid.forEach(b -> parts.add(new ArrayList<>()));
        long step = DashboardRange.unit(bucket).getDuration().toMillis();
        for (KpiService.Point p : series) {
            parts.get(slot(grid, step, p.bucket(), bucket == Bucket.DAY)).add(p.values());
        }
        return parts.stream().map(list -> list.size() == 1 ? list.get(0) : DashboardCharts.combine(list)).toList();
    }

    /**
     * The slot of the grid an instant falls in, clamped to the grid. The database truncates to days in its session's
     * time zone, which may not be UTC: day buckets go to the nearest slot ({@code nearest}), so a day starting at local
     * midnight lands on its UTC date.
     */
    private static int slot(List<Instant> grid, long stepMillis, Instant at, boolean nearest) {
        long delta = at.toEpochMilli() - grid.get(0).toEpochMilli();
        long i = Math.floorDiv(nearest ? delta + stepMillis / 2 : delta, stepMillis);
        return (int) Math.max(0, Math.min(grid.size() - 1, i));
    }

    private void showKpis(Kpis k, List<Values> slots) {
        Values t = k.totals();
        eventsPerSecond.set(String.format(Locale.ENGLISH, "%.2f", k.eventsPerSecond()), "last 5 minutes, site-wide");
        events.set(String.format(Locale.ENGLISH, "%,d", t.events()),
                String.format(Locale.ENGLISH, "%,d page views · %,d explicit", t.pageViews(), t.explicit()));
        if (t.interactionRate() == null) {
            interaction.empty("no page views in this range");
        } else {
            interaction.set(pct(t.interactionRate(), 1), String.format(Locale.ENGLISH, "%,d explicit per %,d page views", t.explicit(),
                    t.pageViews()));
        }
        long answers = t.promoters() + t.passives() + t.detractors();
        if (t.nps() == null) {
            nps.empty("no NPS answers in this range");
        } else {
            nps.set(String.format(Locale.ENGLISH, "%+.0f", t.nps()), String.format(Locale.ENGLISH,
                    "%,d promoters · %,d passives · %,d detractors", t.promoters(), t.passives(), t.detractors()));
            promoterBar.getStyle().set("width", share(t.promoters(), answers));
            passiveBar.getStyle().set("width", share(t.passives(), answers));
            detractorBar.getStyle().set("width", share(t.detractors(), answers));
        }
        if (t.averageCsat() == null) {
            csat.empty("no CSAT answers in this range");
        } else {
            csat.set(String.format(Locale.ENGLISH, "%.2f / 5", t.averageCsat()), String.format(Locale.ENGLISH,
                    "%s satisfied (4–5) · %,d answers", pct(t.csatSatisfiedShare(), 0), t.csatAnswers()));
        }
        if (t.averageRating() == null) {
            rating.empty("no ratings in this range");
        } else {
            rating.set(String.format(Locale.ENGLISH, "%.2f / 5", t.averageRating()),
                    String.format(Locale.ENGLISH, "%,d ratings", t.ratings()));
        }
        showSentiment(t, slots);
        KpiService.Recommendations recs = k.recommendations();
        if (recs.clickThrough() == null) {
            ctr.empty("no recommendations served in this range");
        } else {
            ctr.set(pct(recs.clickThrough(), 1), String.format(Locale.ENGLISH, "%,d rewarded of %,d served lists", recs.rewarded(),
                    recs.served()));
        }
        if (t.conversionRate() == null) {
            conversion.empty("no page views in this range");
        } else {
            conversion.set(pct(t.conversionRate(), 2), String.format(Locale.ENGLISH, "%,d purchases per %,d page views", t.purchases(),
                    t.pageViews()));
        }
    }

    /** The average sentiment, and an arrow comparing the second half of the range with the first. */
    private void showSentiment(Values t, List<Values> slots) {
        if (t.averageSentiment() == null) {
            sentiment.empty("no texts with a sentiment in this range");
            return;
        }
        int half = slots.size() / 2;
        Values first = DashboardCharts.combine(slots.subList(0, half));
        Values second = DashboardCharts.combine(slots.subList(half, slots.size()));
        trend.removeClassNames(LumoUtility.TextColor.SUCCESS, LumoUtility.TextColor.ERROR, LumoUtility.TextColor.SECONDARY);
        if (first.averageSentiment() == null || second.averageSentiment() == null) {
            trend.setText("no trend: texts in one half of the range only");
            trend.addClassName(LumoUtility.TextColor.SECONDARY);
        } else {
            double delta = second.averageSentiment() - first.averageSentiment();
            String arrow = delta > 0.05 ? "↑" : delta < -0.05 ? "↓" : "→";
            trend.setText(String.format(Locale.ENGLISH, "%s %+.2f vs first half", arrow, delta));
            trend.addClassName(delta > 0.05 ? LumoUtility.TextColor.SUCCESS : delta < -0.05 ? LumoUtility.TextColor.ERROR
                    : LumoUtility.TextColor.SECONDARY);
        }
        sentiment.set(String.format(Locale.ENGLISH, "%+.2f", t.averageSentiment()),
                String.format(Locale.ENGLISH, "%,d texts · −1 … 1", t.sentimentTexts()));
    }

    /** The running experiments: their number and each one's name and status, linking to Experiments. */
    private void showExperiments(UUID siteId) {
        List<Experiment> list = experiments.list(siteId).stream().filter(e -> e.status() == Experiment.Status.RUNNING).toList();
        List<String> shown = list.stream().limit(MAX_EXPERIMENTS).map(e -> e.name() + " · " + status(e)).toList();
        if (!shown.equals(experimentsShown)) {
            experimentsShown = shown;
            experimentLinks.removeAll();
            for (int i = 0; i < shown.size(); i++) {
                RouterLink link = new RouterLink(shown.get(i), ExperimentsView.class);
                link.setId("kpi-experiment-" + list.get(i).key());
                link.addClassNames(LumoUtility.TextOverflow.ELLIPSIS, LumoUtility.Overflow.HIDDEN, LumoUtility.Whitespace.NOWRAP);
                if (list.get(i).alert() != null) {
                    link.getElement().setAttribute("title", "Guard alert: " + list.get(i).alert());
                    link.addClassName(LumoUtility.TextColor.ERROR);
                }
                experimentLinks.add(link);
            }
            if (list.size() > MAX_EXPERIMENTS) {
                experimentLinks.add(new RouterLink("and " + (list.size() - MAX_EXPERIMENTS) + " more…", ExperimentsView.class));
            }
        }
        if (list.isEmpty()) {
            running.set("0", "none running now");
        } else {
            running.set(String.valueOf(list.size()), null);
        }
    }

    private static String status(Experiment e) {
        return e.alert() == null ? "running" : "running · guard alert";
    }

    private void showCharts(DashboardRange r, List<Instant> grid, List<Values> slots, Kpis k) {
        List<String> labels = grid.stream().map(b -> label(r.bucket(), r, b)).toList();
        DashboardCharts.Series series = new DashboardCharts.Series(grid, labels, slots);
        String per = switch (r.bucket()) {
            case MINUTE -> "minute";
            case HOUR -> "hour";
            case DAY -> "day (UTC)";
        };
        String filtered = filterNote();
        eventsChart.setDescription("Events per " + per + ": explicit feedback stacked on implicit signals (views, clicks, carts, "
                + "purchases…), and page views" + filtered + ". Scroll or drag to zoom.");
        show(eventsChart, DashboardCharts.events(series));
        ratingsChart.setDescription("Average rating and CSAT (1–5, left) and average sentiment of texts (−1 … 1, right) per " + per
                + filtered + ".");
        show(ratingsChart, DashboardCharts.ratings(series));
        npsChart.setDescription("NPS answers per " + per + " by promoters, passives and detractors, and the NPS (right)" + filtered + ".");
        show(npsChart, DashboardCharts.nps(series));
        breakdownChart.setDescription("Device classes, languages and segments side by side: events, interaction rate (%) and average "
                + "rating per slice, so a skew stands out" + filtered + " (segments: events of profiled visitors, in every segment they were "
                + "in). The " + DashboardCharts.MAX_SLICES
                + " largest slices are drawn; the CSV has all.");
        show(breakdownChart, DashboardCharts.breakdown(k.byDevice(), k.byLocale(), k.bySegment()));

        long[] served = new long[grid.size()];
        long[] rewarded = new long[grid.size()];
        long step = DashboardRange.unit(r.bucket()).getDuration().toMillis();
        for (KpiService.RecommendationPoint p : k.recommendations().series()) {
            int i = slot(grid, step, p.bucket(), r.bucket() == Bucket.DAY);
            served[i] += p.served();
            rewarded[i] += p.rewarded();
        }
        recommendationsChart.setDescription("Recommendation lists served per " + per + " and those rewarded (click, cart, purchase or "
                + "good rating within 30 minutes), and the click-through (%, right). Site-wide: the filters do not apply.");
        show(recommendationsChart, DashboardCharts.recommendations(grid, labels, served, rewarded));
    }

    private static void show(DashboardCard card, DashboardCharts.Drawn drawn) {
        card.show(drawn.option(), drawn.csv());
    }

    /**
     * Draws quarantine for the range and returns how many events were quarantined in it. Over time, per hour (24 h)
     * or per UTC day (7 and 30 days): complete buckets are counted once (one count per reason seen in the range) and
     * kept; the open bucket is one count by reason per refresh. For the last hour, one count by reason. Quarantine is
     * site-wide, by the time events were received; the bot share is drawn only without device and language filters.
     */
    private long showQuarantine(UUID siteId, DashboardRange r, Instant now, Instant from, List<Instant> grid, List<Values> slots) {
        boolean unfiltered = device.getValue() == null && language.getValue() == null;
        String botNote = unfiltered ? "; bot share: bot user agents, honeypots and subjects faster than a person over events plus quarantined "
                + "(right)" : "; bot share hidden while a device or language is chosen";
        if (!r.quarantineOverTime()) {
            Map<QuarantineReason, Long> counts = quarantine.countsByReason(siteId, from);
            long events = slots.stream().mapToLong(Values::events).sum();
            quarantineChart.setDescription("Events held in quarantine in the last hour by reason (bot reasons in red). Site-wide, by time "
                    + "received. Longer ranges show them over time.");
            show(quarantineChart, DashboardCharts.quarantineTotals(counts, unfiltered ? events : null));
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
        List<Instant> buckets = r.quarantineGrid(now);
        Duration step = r.quarantineStep();
        String key = siteId + "|" + r;
        boolean first = !key.equals(quarantineKey);
        Set<QuarantineReason> reasons = EnumSet.allOf(QuarantineReason.class);
        if (first) {
            quarantineKey = key;
            quarantineClosed.clear();
            reasons = EnumSet.noneOf(QuarantineReason.class);
            reasons.addAll(quarantine.countsByReason(siteId, buckets.get(0)).keySet());
        }
        quarantineClosed.keySet().removeIf(b -> b.isBefore(buckets.get(0)));
        Map<QuarantineReason, long[]> byReason = new EnumMap<>(QuarantineReason.class);
        for (QuarantineReason reason : QuarantineReason.values()) {
            byReason.put(reason, new long[buckets.size()]);
        }
        for (int i = 0; i < buckets.size(); i++) {
            Instant b = buckets.get(i);
            Map<QuarantineReason, Long> counts;
            if (i == buckets.size() - 1) {
                counts = quarantine.countsByReason(siteId, b);
            } else {
                counts = quarantineClosed.get(b);
                if (counts == null) {
                    counts = new EnumMap<>(QuarantineReason.class);
                    for (QuarantineReason reason : reasons) {
                        long c = quarantine.count(new QuarantineService.Query(siteId, reason, b, b.plus(step)));
                        if (c > 0) {
                            counts.put(reason, c);
                        }
                    }
                    quarantineClosed.put(b, counts);
                }
            }
            for (Map.Entry<QuarantineReason, Long> e : counts.entrySet()) {
                byReason.get(e.getKey())[i] = e.getValue();
            }
        }
        long[] events = null;
        if (unfiltered) {
            events = new long[buckets.size()];
            long stepMillis = step.toMillis();
            for (int i = 0; i < slots.size(); i++) {
                events[slot(buckets, stepMillis, grid.get(i), false)] += slots.get(i).events();
            }
        }
        List<String> labels = buckets.stream().map(b -> label(r == DashboardRange.LAST_24_HOURS ? Bucket.HOUR : Bucket.DAY, r, b)).toList();
        quarantineChart.setDescription("Events held in quarantine per " + (r == DashboardRange.LAST_24_HOURS ? "hour" : "day (UTC)")
                + " by reason" + botNote + ". Site-wide, by time received.");
        show(quarantineChart, DashboardCharts.quarantine(new DashboardCharts.Quarantine(buckets, labels, byReason, events)));
        long total = 0;
        for (long[] counts : byReason.values()) {
            for (long c : counts) {
                total += c;
            }
        }
        return total;
    }

    /** Says what to do when the site has no events in the range (and hides the charts if there is nothing to draw). */
    private void showEmptyState(Kpis k, long quarantined) {
        boolean none = k.totals().events() == 0;
        emptyState.setVisible(none);
        charts.setVisible(!none || k.recommendations().served() > 0 || quarantined > 0);
        boolean filtered = device.getValue() != null || language.getValue() != null;
        String shown = none ? site.getValue().id() + "|" + filtered + "|" + quarantined : "";
        if (!none || shown.equals(emptyShown)) {
            emptyShown = shown;
            return;
        }
        emptyShown = shown;
        emptyState.removeAll();
        if (filtered) {
            emptyState.add(new Paragraph("No events from this device class or language in this range. Choose \"All\" to see every "
                    + "event of the site."));
            return;
        }
        Paragraph what = new Paragraph("No events from " + site.getValue().name() + " in this range. Send events with the widget or "
                + "POST /api/v1/events (with the site's secret key); the demo shop at /demo/ sends some. They show up here within seconds.");
        what.addClassNames(LumoUtility.Margin.NONE);
        emptyState.add(what);
        if (quarantined > 0) {
            Paragraph held = new Paragraph(String.format(Locale.ENGLISH, "%,d events were held in quarantine in this range: ", quarantined));
            held.add(new RouterLink("review them under Quarantine", QuarantineView.class));
            held.addClassNames(LumoUtility.Margin.Top.SMALL, LumoUtility.Margin.Bottom.NONE);
            emptyState.add(held);
        }
    }

    // ------------------------------------------------------------------ formatting

    /** A bucket's label: minutes and hours in the browser's time zone, days as UTC dates. */
    private String label(Bucket bucket, DashboardRange r, Instant start) {
        return switch (bucket) {
            case MINUTE -> DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).format(start.atZone(zone));
            case HOUR -> DateTimeFormatter.ofPattern(r == DashboardRange.LAST_24_HOURS ? "HH:mm" : "EEE d HH:mm", Locale.ENGLISH)
                    .format(start.atZone(zone));
            case DAY -> DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH).format(start.atZone(ZoneOffset.UTC));
        };
    }

    private String filterNote() {
        List<String> parts = new ArrayList<>();
        if (device.getValue() != null) {
            parts.add(device.getValue() + " devices");
        }
        if (language.getValue() != null) {
            parts.add("language " + DashboardCharts.languageLabel(language.getValue()));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + " only)";
    }

    /** A share as a percentage, e.g. 0.1234 → "12.3 %". */
    private static String pct(Double share, int digits) {
        return share == null ? DashboardKpi.EMPTY : String.format(Locale.ENGLISH, "%." + digits + "f %%", share * 100);
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "0" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }
}
