package dev.attune.admin.dashboard;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.experiment.ExperimentsView;
import dev.attune.personalization.api.KpiService;
import dev.attune.personalization.api.KpiService.Kpis;
import dev.attune.personalization.api.KpiService.Values;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's KPI cards: events per second, events, interaction rate, NPS with its split bar, CSAT, rating,
 * sentiment with its trend, recommendation click-through, conversion, and the running experiments linking to them.
 * Each card changes only what changed, so live updates leave the rest alone.
 */
class KpiCards extends FlexLayout {
    /** Running experiments listed on their card; more are counted. */
    static final int MAX_EXPERIMENTS = 5;

    /** A running experiment as its card lists it: key, name and the guard's alert (null: none). */
    record Running(String key, String name, String alert) {}

    private final DashboardKpi eventsPerSecond = new DashboardKpi(
            "kpi-eps",
            "Events/s now",
            "Events per second over the last five minutes, site-wide (the filters do not apply)");
    private final DashboardKpi events = new DashboardKpi("kpi-events", "Events", "Every event received in the range");
    private final DashboardKpi interaction = new DashboardKpi(
            "kpi-interaction",
            "Feedback interaction rate",
            "Explicit feedback (ratings, thumbs, NPS, CSAT, texts, survey answers) per page view");
    private final DashboardKpi nps = new DashboardKpi(
            "kpi-nps",
            "NPS",
            "Promoters (9–10) minus detractors (0–6) as a percentage of NPS answers, from −100 to +100");
    private final DashboardKpi csat =
            new DashboardKpi("kpi-csat", "CSAT", "Average CSAT answer (1–5) and the share satisfied (4 or 5)");
    private final DashboardKpi rating =
            new DashboardKpi("kpi-rating", "Average rating", "Average of the ratings (1–5) in the range");
    private final DashboardKpi sentiment = new DashboardKpi(
            "kpi-sentiment",
            "Average sentiment",
            "Average sentiment of free texts, from −1 (negative) to 1 (positive); the arrow compares the second half of the range with the first");
    private final DashboardKpi ctr = new DashboardKpi(
            "kpi-ctr",
            "Recommendation click-through",
            "Share of served recommendation lists rewarded by a click, cart, purchase or good rating within 30 minutes; site-wide");
    private final DashboardKpi conversion = new DashboardKpi("kpi-conversion", "Conversion", "Purchases per page view");
    private final DashboardKpi running = new DashboardKpi(
            "kpi-experiments",
            "Running experiments",
            "Experiments of this site running now; open one under Experiment → Experiments");

    /** The NPS card's split bar (promoters, passives, detractors) and the sentiment card's trend, updated in place. */
    private final Div promoterBar = splitPart("var(--lumo-success-color)");

    private final Div passiveBar = splitPart("var(--lumo-contrast-30pct)");
    private final Div detractorBar = splitPart("var(--lumo-error-color)");
    private final Span trend = new Span();
    private final Div experimentLinks = new Div();
    /** What the experiment links show, to rebuild them only when it changed. */
    private List<String> experimentsShown = List.of();

    KpiCards() {
        Div split = new Div(promoterBar, passiveBar, detractorBar);
        split.addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.Width.FULL,
                LumoUtility.BorderRadius.SMALL,
                LumoUtility.Overflow.HIDDEN);
        split.getStyle().set("height", "0.5rem");
        split.setId("kpi-nps-split");
        nps.setExtra(split);
        trend.setId("kpi-sentiment-trend");
        sentiment.setExtra(trend);
        experimentLinks.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexDirection.COLUMN);
        running.setExtra(experimentLinks);
        add(eventsPerSecond, events, interaction, nps, csat, rating, sentiment, ctr, conversion, running);
        setFlexWrap(FlexLayout.FlexWrap.WRAP);
        addClassNames(LumoUtility.Gap.MEDIUM);
        setWidthFull();
        setId("dashboard-kpis");
    }

    private static Div splitPart(String color) {
        Div part = new Div();
        part.getStyle().set("background", color).set("height", "100%").set("width", "0");
        return part;
    }

    /** Shows the figures of the range: its totals, and its slots (one per bucket) for the sentiment's trend. */
    void show(Kpis k, List<Values> slots) {
        Values t = k.totals();
        eventsPerSecond.set(String.format(Locale.ENGLISH, "%.2f", k.eventsPerSecond()), "last 5 minutes, site-wide");
        events.set(
                String.format(Locale.ENGLISH, "%,d", t.events()),
                String.format(Locale.ENGLISH, "%,d page views · %,d explicit", t.pageViews(), t.explicit()));
        if (t.interactionRate() == null) {
            interaction.empty("no page views in this range");
        } else {
            interaction.set(
                    pct(t.interactionRate(), 1),
                    String.format(Locale.ENGLISH, "%,d explicit per %,d page views", t.explicit(), t.pageViews()));
        }
        long answers = t.promoters() + t.passives() + t.detractors();
        if (t.nps() == null) {
            nps.empty("no NPS answers in this range");
        } else {
            nps.set(
                    String.format(Locale.ENGLISH, "%+.0f", t.nps()),
                    String.format(
                            Locale.ENGLISH,
                            "%,d promoters · %,d passives · %,d detractors",
                            t.promoters(),
                            t.passives(),
                            t.detractors()));
            promoterBar.getStyle().set("width", share(t.promoters(), answers));
            passiveBar.getStyle().set("width", share(t.passives(), answers));
            detractorBar.getStyle().set("width", share(t.detractors(), answers));
        }
        if (t.averageCsat() == null) {
            csat.empty("no CSAT answers in this range");
        } else {
            csat.set(
                    String.format(Locale.ENGLISH, "%.2f / 5", t.averageCsat()),
                    String.format(
                            Locale.ENGLISH,
                            "%s satisfied (4–5) · %,d answers",
                            pct(t.csatSatisfiedShare(), 0),
                            t.csatAnswers()));
        }
        if (t.averageRating() == null) {
            rating.empty("no ratings in this range");
        } else {
            rating.set(
                    String.format(Locale.ENGLISH, "%.2f / 5", t.averageRating()),
                    String.format(Locale.ENGLISH, "%,d ratings", t.ratings()));
        }
        showSentiment(t, slots);
        KpiService.Recommendations recs = k.recommendations();
        if (recs.clickThrough() == null) {
            ctr.empty("no recommendations served in this range");
        } else {
            ctr.set(
                    pct(recs.clickThrough(), 1),
                    String.format(Locale.ENGLISH, "%,d rewarded of %,d served lists", recs.rewarded(), recs.served()));
        }
        if (t.conversionRate() == null) {
            conversion.empty("no page views in this range");
        } else {
            conversion.set(
                    pct(t.conversionRate(), 2),
                    String.format(Locale.ENGLISH, "%,d purchases per %,d page views", t.purchases(), t.pageViews()));
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
        trend.removeClassNames(
                LumoUtility.TextColor.SUCCESS, LumoUtility.TextColor.ERROR, LumoUtility.TextColor.SECONDARY);
        if (first.averageSentiment() == null || second.averageSentiment() == null) {
            trend.setText("no trend: texts in one half of the range only");
            trend.addClassName(LumoUtility.TextColor.SECONDARY);
        } else {
            double delta = second.averageSentiment() - first.averageSentiment();
            String arrow = delta > 0.05 ? "↑" : delta < -0.05 ? "↓" : "→";
            trend.setText(String.format(Locale.ENGLISH, "%s %+.2f vs first half", arrow, delta));
            trend.addClassName(
                    delta > 0.05
                            ? LumoUtility.TextColor.SUCCESS
                            : delta < -0.05 ? LumoUtility.TextColor.ERROR : LumoUtility.TextColor.SECONDARY);
        }
        sentiment.set(
                String.format(Locale.ENGLISH, "%+.2f", t.averageSentiment()),
                String.format(Locale.ENGLISH, "%,d texts · −1 … 1", t.sentimentTexts()));
    }

    /** The running experiments: their number and each one's name and status, linking to Experiments. */
    void showExperiments(List<Running> list) {
        List<String> shown = list.stream()
                .limit(MAX_EXPERIMENTS)
                .map(e -> e.name() + " · " + status(e))
                .toList();
        if (!shown.equals(experimentsShown)) {
            experimentsShown = shown;
            experimentLinks.removeAll();
            for (int i = 0; i < shown.size(); i++) {
                RouterLink link = new RouterLink(shown.get(i), ExperimentsView.class);
                link.setId("kpi-experiment-" + list.get(i).key());
                link.addClassNames(
                        LumoUtility.TextOverflow.ELLIPSIS, LumoUtility.Overflow.HIDDEN, LumoUtility.Whitespace.NOWRAP);
                if (list.get(i).alert() != null) {
                    link.getElement()
                            .setAttribute("title", "Guard alert: " + list.get(i).alert());
                    link.addClassName(LumoUtility.TextColor.ERROR);
                }
                experimentLinks.add(link);
            }
            if (list.size() > MAX_EXPERIMENTS) {
                experimentLinks.add(
                        new RouterLink("and " + (list.size() - MAX_EXPERIMENTS) + " more…", ExperimentsView.class));
            }
        }
        if (list.isEmpty()) {
            running.set("0", "none running now");
        } else {
            running.set(String.valueOf(list.size()), null);
        }
    }

    private static String status(Running e) {
        return e.alert() == null ? "running" : "running · guard alert";
    }

    /** A share as a percentage, e.g. 0.1234 → "12.3 %". */
    private static String pct(Double share, int digits) {
        return share == null ? DashboardKpi.EMPTY : String.format(Locale.ENGLISH, "%." + digits + "f %%", share * 100);
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "0" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }
}
