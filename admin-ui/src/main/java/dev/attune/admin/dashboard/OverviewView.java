package dev.attune.admin.dashboard;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import dev.attune.admin.ConsoleTasks;
import dev.attune.admin.components.Problems;
import dev.attune.admin.shell.MainLayout;
import dev.attune.feedback.api.QuarantineReason;
import dev.attune.feedback.api.QuarantineService;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.personalization.api.KpiService;
import dev.attune.personalization.api.KpiService.Bucket;
import dev.attune.personalization.api.KpiService.Kpis;
import dev.attune.personalization.api.KpiService.Values;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;

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

    private final KpiService kpis;
    private final ExperimentService experiments;
    private final QuarantineCounts quarantine;
    private final ConsoleTasks tasks;
    private final List<SiteSummary> sites;

    private DashboardToolbar toolbar;
    private final KpiCards cards = new KpiCards();
    private final DashboardEmptyState emptyState = new DashboardEmptyState();
    private final DashboardChartsPanel charts = new DashboardChartsPanel();

    /** The browser's time zone once known: minute and hour labels follow it; days are UTC days. */
    private ZoneId zone = ZoneOffset.UTC;
    /** The live refresh while the view is attached. */
    private volatile ScheduledFuture<?> ticking;
    /** A live refresh is queued or running: the next tick skips rather than pile up behind a slow one. */
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** The last refresh failed: the next failure of a live update is not shown again. */
    private boolean failing;

    @Inject
    public OverviewView(
            SiteService siteService,
            KpiService kpis,
            ExperimentService experiments,
            QuarantineService quarantine,
            ConsoleTasks tasks) {
        this.kpis = kpis;
        this.experiments = experiments;
        this.quarantine = new QuarantineCounts(quarantine);
        this.tasks = tasks;
        sites = siteService.listSites();
        setWidthFull();
        add(new H2("Dashboard"));
        if (sites.isEmpty()) {
            Paragraph none = new Paragraph(
                    "No site yet. Create one under Collect → Sites & keys, then send events with the widget "
                            + "or with its secret key to POST /api/v1/events.");
            none.setId("dashboard-empty");
            add(none);
            return;
        }
        Object keptRange = VaadinSession.getCurrent().getAttribute(SESSION_RANGE);
        toolbar = new DashboardToolbar(sites, keptRange instanceof DashboardRange r ? r : DashboardRange.LAST_24_HOURS);
        toolbar.addSiteChangeListener(e -> {
            VaadinSession.getCurrent().setAttribute(SESSION_SITE, e.site().id());
            refresh(false);
        });
        toolbar.addRangeChangeListener(e -> {
            VaadinSession.getCurrent().setAttribute(SESSION_RANGE, e.range());
            refresh(false);
        });
        toolbar.addFilterChangeListener(e -> refresh(false));
        add(toolbar, cards, emptyState, charts);

        toolbar.site.setValue(remembered());
        getElement()
                .getNode()
                .runWhenAttached(ui -> ui.getPage().retrieveExtendedClientDetails(details -> {
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
        ticking = tasks.scheduler()
                .scheduleWithFixedDelay(() -> tick(ui), REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
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

    // ------------------------------------------------------------------ refresh

    /**
     * Reads the KPIs of the chosen site, range and filters and shows them. A live update ({@code live}) changes
     * values and charts only, and shows a failure once (the live indicator turns "Offline" until an update works).
     */
    private void refresh(boolean live) {
        SiteSummary chosen = toolbar.site();
        DashboardRange r = toolbar.range();
        if (chosen == null || r == null) {
            return;
        }
        try {
            Instant now = Instant.now();
            Instant from = r.from(now);
            Kpis k = kpis.kpis(chosen.id(), from, now, r.bucket(), toolbar.device(), toolbar.language());
            toolbar.updateFilters(k.byDevice().keySet(), k.byLocale().keySet());
            List<Instant> grid = r.grid(now);
            List<Values> slots = DashboardCharts.slots(grid, r.bucket(), k.series());
            long quarantined = showQuarantine(chosen.id(), r, now, from, grid, slots);
            cards.show(k, slots);
            cards.showExperiments(experiments.list(chosen.id()).stream()
                    .filter(e -> e.status() == Experiment.Status.RUNNING)
                    .map(e -> new KpiCards.Running(e.key(), e.name(), e.alert()))
                    .toList());
            charts.show(
                    r,
                    grid,
                    grid.stream().map(b -> r.label(r.bucket(), b, zone)).toList(),
                    slots,
                    k,
                    toolbar.filterNote());
            emptyState.update(k, chosen, toolbar.filtered(), quarantined);
            charts.setVisible(k.totals().events() > 0 || k.recommendations().served() > 0 || quarantined > 0);
            failing = false;
            toolbar.showLive(true, null);
            toolbar.showUpdated("updated " + CLOCK.format(now.atZone(zone)));
        } catch (RuntimeException e) {
            if (!live || !failing) {
                Problems.show(e);
            }
            failing = true;
            toolbar.showLive(false, Problems.describe(e));
        }
    }

    /**
     * Draws quarantine for the range and returns how many events were quarantined in it: per hour (24 h) or per UTC day
     * (7 and 30 days), and for the last hour by reason only. Quarantine is site-wide, by the time events were received;
     * the bot share is drawn only without device and language filters.
     */
    private long showQuarantine(
            UUID siteId, DashboardRange r, Instant now, Instant from, List<Instant> grid, List<Values> slots) {
        boolean unfiltered = !toolbar.filtered();
        if (!r.quarantineOverTime()) {
            Map<QuarantineReason, Long> counts = quarantine.since(siteId, from);
            charts.showQuarantineTotals(
                    counts,
                    unfiltered ? slots.stream().mapToLong(Values::events).sum() : null);
            return counts.values().stream().mapToLong(Long::longValue).sum();
        }
        List<Instant> buckets = r.quarantineGrid(now);
        Duration step = r.quarantineStep();
        Map<QuarantineReason, long[]> byReason = quarantine.overTime(siteId, r, buckets, step);
        long[] events = null;
        if (unfiltered) {
            events = new long[buckets.size()];
            for (int i = 0; i < slots.size(); i++) {
                events[DashboardCharts.slot(buckets, step.toMillis(), grid.get(i), false)] +=
                        slots.get(i).events();
            }
        }
        boolean hourly = r == DashboardRange.LAST_24_HOURS;
        List<String> labels = buckets.stream()
                .map(b -> r.label(hourly ? Bucket.HOUR : Bucket.DAY, b, zone))
                .toList();
        charts.showQuarantine(new DashboardCharts.Quarantine(buckets, labels, byReason, events), hourly);
        return byReason.values().stream().flatMapToLong(LongStream::of).sum();
    }
}
