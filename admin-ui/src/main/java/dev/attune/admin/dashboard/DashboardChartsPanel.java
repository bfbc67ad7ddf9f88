package dev.attune.admin.dashboard;

import com.vaadin.flow.component.html.Div;
import dev.attune.feedback.api.QuarantineReason;
import dev.attune.personalization.api.KpiService;
import dev.attune.personalization.api.KpiService.Bucket;
import dev.attune.personalization.api.KpiService.Kpis;
import dev.attune.personalization.api.KpiService.Values;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's charts in a responsive grid: events, ratings and sentiment, the NPS split, recommendations, the
 * breakdown by device, language and segment (across the whole width), and quarantine with the bot share. Each says in
 * a line what it draws and how the filters touch it.
 */
class DashboardChartsPanel extends Div {
    final DashboardCard eventsChart = new DashboardCard("chart-events", "Events over time", "attune-events");
    final DashboardCard ratingsChart =
            new DashboardCard("chart-ratings", "Ratings & sentiment", "attune-ratings-sentiment");
    final DashboardCard npsChart = new DashboardCard("chart-nps", "NPS split over time", "attune-nps");
    final DashboardCard breakdownChart =
            new DashboardCard("chart-breakdown", "By device, language and segment", "attune-breakdown");
    final DashboardCard recommendationsChart =
            new DashboardCard("chart-recommendations", "Recommendations", "attune-recommendations");
    final DashboardCard quarantineChart =
            new DashboardCard("chart-quarantine", "Quarantine & bot share", "attune-quarantine");

    DashboardChartsPanel() {
        breakdownChart.spanAllColumns();
        breakdownChart.setChartHeight((DashboardCharts.BREAKDOWN_BAND * 3 + 30) + "px");
        add(eventsChart, ratingsChart, npsChart, recommendationsChart, breakdownChart, quarantineChart);
        setId("dashboard-charts");
        setWidthFull();
        getStyle()
                .set("display", "grid")
                .set("gap", "var(--lumo-space-m)")
                .set("grid-template-columns", "repeat(auto-fit, minmax(min(100%, 30rem), 1fr))");
    }

    /**
     * Draws the range's series (one slot per bucket of {@code grid}, labelled by {@code labels}) and its breakdown and
     * recommendations; {@code filterNote} says which filters apply (empty for none).
     */
    void show(
            DashboardRange r, List<Instant> grid, List<String> labels, List<Values> slots, Kpis k, String filterNote) {
        DashboardCharts.Series series = new DashboardCharts.Series(grid, labels, slots);
        String per = switch (r.bucket()) {
            case MINUTE -> "minute";
            case HOUR -> "hour";
            case DAY -> "day (UTC)";
        };
        eventsChart.setDescription(
                "Events per " + per + ": explicit feedback stacked on implicit signals (views, clicks, carts, "
                        + "purchases…), and page views" + filterNote + ". Scroll or drag to zoom.");
        draw(eventsChart, DashboardCharts.events(series));
        ratingsChart.setDescription(
                "Average rating and CSAT (1–5, left) and average sentiment of texts (−1 … 1, right) per " + per
                        + filterNote + ".");
        draw(ratingsChart, DashboardCharts.ratings(series));
        npsChart.setDescription("NPS answers per " + per + " by promoters, passives and detractors, and the NPS (right)"
                + filterNote + ".");
        draw(npsChart, DashboardCharts.nps(series));
        breakdownChart.setDescription(
                "Device classes, languages and segments side by side: events, interaction rate (%) and average "
                        + "rating per slice, so a skew stands out" + filterNote
                        + " (segments: events of profiled visitors, in every segment they "
                        + "were in). The " + DashboardCharts.MAX_SLICES
                        + " largest slices are drawn; the CSV has all.");
        draw(breakdownChart, DashboardCharts.breakdown(k.byDevice(), k.byLocale(), k.bySegment()));

        long[] served = new long[grid.size()];
        long[] rewarded = new long[grid.size()];
        long step = DashboardRange.unit(r.bucket()).getDuration().toMillis();
        for (KpiService.RecommendationPoint p : k.recommendations().series()) {
            int i = DashboardCharts.slot(grid, step, p.bucket(), r.bucket() == Bucket.DAY);
            served[i] += p.served();
            rewarded[i] += p.rewarded();
        }
        recommendationsChart.setDescription(
                "Recommendation lists served per " + per + " and those rewarded (click, cart, purchase or "
                        + "good rating within 30 minutes), and the click-through (%, right). Site-wide: the filters do not apply.");
        draw(recommendationsChart, DashboardCharts.recommendations(grid, labels, served, rewarded));
    }

    /** Quarantine of the last hour by reason; {@code events} (null while filtered) gives the bot share. */
    void showQuarantineTotals(Map<QuarantineReason, Long> counts, Long events) {
        quarantineChart.setDescription(
                "Events held in quarantine in the last hour by reason (bot reasons in red). Site-wide, by time "
                        + "received. Longer ranges show them over time.");
        draw(quarantineChart, DashboardCharts.quarantineTotals(counts, events));
    }

    /** Quarantine over time, per hour or per UTC day; without events per bucket (while filtered) the bot share is hidden. */
    void showQuarantine(DashboardCharts.Quarantine q, boolean hourly) {
        String botNote = q.events() != null
                ? "; bot share: bot user agents, honeypots and subjects faster than a person over events plus "
                        + "quarantined (right)"
                : "; bot share hidden while a device or language is chosen";
        quarantineChart.setDescription("Events held in quarantine per " + (hourly ? "hour" : "day (UTC)") + " by reason"
                + botNote + ". Site-wide, by time received.");
        draw(quarantineChart, DashboardCharts.quarantine(q));
    }

    private static void draw(DashboardCard card, DashboardCharts.Drawn drawn) {
        card.show(drawn.option(), drawn.csv());
    }
}
