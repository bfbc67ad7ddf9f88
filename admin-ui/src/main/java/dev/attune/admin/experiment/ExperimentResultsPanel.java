package dev.attune.admin.experiment;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.Grids;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.stats.Results;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One experiment and its results: hypothesis and setup, the guard's alert, exposure and the sample ratio (a bandit's
 * allocation), what to do now, a table per metric with effects, intervals drawn against zero, Holm-adjusted p-values
 * and Bayesian chance to win and risk, the split by device, and the primary metric's effect over time.
 */
class ExperimentResultsPanel extends VerticalLayout {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    ExperimentResultsPanel() {
        setPadding(false);
        setId("experiment-detail");
    }

    /** Shows an experiment with its results and the snapshots of its primary metric over time; none clears the panel. */
    void show(Experiment e, ExperimentResults r, List<ExperimentResults.Snapshot> history) {
        removeAll();
        if (e == null) {
            return;
        }
        H3 title = new H3(e.name());
        Experiment.Definition d = e.definition();
        Paragraph hypothesis = new Paragraph(d.hypothesis() == null ? "" : "Hypothesis: " + d.hypothesis());
        hypothesis.addClassNames(LumoUtility.TextColor.SECONDARY);
        Paragraph setup = new Paragraph(setup(e));
        setup.setId("experiment-setup");
        setup.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        add(title, hypothesis, setup);
        if (e.alert() != null) {
            Div alert = new Div(
                    VaadinIcon.WARNING.create(), new Span(" " + e.alert() + " (" + TIME.format(e.alertAt()) + " UTC)"));
            alert.setId("experiment-alert");
            alert.addClassNames(
                    LumoUtility.Padding.SMALL,
                    LumoUtility.BorderRadius.MEDIUM,
                    LumoUtility.Background.ERROR_10,
                    LumoUtility.TextColor.ERROR);
            add(alert);
        }
        long total = r.units().stream()
                .mapToLong(ExperimentResults.VariantUnits::units)
                .sum();
        Div srm = new Div();
        srm.setId("experiment-srm");
        srm.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.FontSize.SMALL);
        if (d.mode() == Experiment.Mode.BANDIT) {
            List<String> arms = new ArrayList<>();
            for (int i = 0; i < r.units().size(); i++) {
                arms.add(r.units().get(i).variant() + " " + r.units().get(i).units() + " units, chance to be best "
                        + Math.round(r.chanceToBeBest().get(i) * 1000) / 10.0 + " %");
            }
            srm.setText(total + " units exposed. Bandit now serving " + ExperimentsGrid.split(e)
                    + (e.weightsAt() == null
                            ? " (defined weights until every arm " + "has its minimum sample)"
                            : " (reweighted " + TIME.format(e.weightsAt()) + " UTC)")
                    + ": " + String.join("; ", arms) + ".");
            srm.addClassNames(LumoUtility.Background.CONTRAST_5);
        } else {
            String split = String.join(
                    ", ",
                    r.units().stream()
                            .map(u -> u.variant() + " " + u.units() + " (" + Math.round(u.expectedShare() * 100)
                                    + " % intended)")
                            .toList());
            if (r.sampleRatio().mismatch()) {
                srm.setText(
                        "Sample ratio mismatch (p = " + fmt(r.sampleRatio().pValue(), 5) + "): " + split
                                + ". The assignment is not working as designed; do not trust these results until it is explained.");
                srm.addClassNames(LumoUtility.Background.ERROR_10, LumoUtility.TextColor.ERROR);
            } else {
                srm.setText(total + " units exposed: " + split + ". Sample ratio as intended (p = "
                        + fmt(r.sampleRatio().pValue(), 3) + ").");
                srm.addClassNames(LumoUtility.Background.CONTRAST_5);
            }
        }
        add(srm);
        Paragraph advice = new Paragraph(recommendation(e, r));
        advice.setId("experiment-advice");
        advice.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        add(advice);
        for (ExperimentResults.MetricResult m : r.metrics()) {
            H4 heading = new H4(m.metric() + " (" + m.kind() + (m.guardrail() ? ", guardrail" : "")
                    + (m.lowerIsBetter() ? ", lower is better" : "") + ")");
            add(heading);
            if (m.cuped()) {
                Span cuped = new Span("CUPED: pre-exposure behaviour removed " + Math.round(m.varianceReduction() * 100)
                        + " % of the variance; effects and intervals are adjusted.");
                cuped.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
                cuped.setId("cuped-" + m.metric());
                add(cuped);
            }
            add(table("results-" + m.metric(), m.values(), m.comparisons()));
        }
        if (!r.segments().isEmpty()) {
            add(new H4("By device: " + e.metrics().get(0).key()));
            VerticalLayout segments = new VerticalLayout();
            segments.setPadding(false);
            segments.setId("experiment-segments");
            for (ExperimentResults.Segment s : r.segments()) {
                Span label = new Span(s.device());
                label.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
                segments.add(label, table("segment-" + s.device(), s.values(), s.comparisons()));
            }
            add(segments);
        }
        add(new H4("Over time: " + e.metrics().get(0).key()));
        if (history.stream().map(ExperimentResults.Snapshot::takenAt).distinct().count() < 2) {
            Paragraph empty =
                    new Paragraph("The chart fills in as the guard snapshots the results (every hour by default); "
                            + "it needs two snapshots to draw a line.");
            empty.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            empty.setId("experiment-history-empty");
            add(empty);
        } else {
            EChart chart = new EChart();
            chart.setId("experiment-history");
            chart.setOption(ExperimentHistoryChart.option(e, history));
            add(chart);
        }
    }

    /** Mode, traffic, layer, targeting and schedule in one line. */
    static String setup(Experiment e) {
        Experiment.Definition d = e.definition();
        List<String> parts = new ArrayList<>();
        parts.add(
                d.mode() == Experiment.Mode.BANDIT
                        ? "Bandit (Thompson sampling on " + d.metrics().get(0).key() + ")"
                        : "A/B test");
        parts.add(d.trafficPercent() + " % of "
                + (d.layer() == null
                        ? "traffic"
                        : "layer " + d.layer().name() + " (buckets " + d.layer().from() + "–"
                                + (d.layer().from() + d.trafficPercent() - 1) + ")"));
        parts.add(
                d.targeting().urlPatterns().isEmpty()
                        ? "every page"
                        : "pages " + String.join(", ", d.targeting().urlPatterns()));
        parts.add(
                d.targeting().devices().isEmpty()
                        ? "every device"
                        : String.join(
                                ", ", d.targeting().devices().stream().sorted().toList()));
        if (d.startAt() != null && e.status() == Experiment.Status.DRAFT) {
            parts.add("starts " + TIME.format(d.startAt()) + " UTC");
        }
        if (e.startedAt() != null) {
            parts.add("started " + TIME.format(e.startedAt()) + " UTC");
        }
        if (d.stopAt() != null && e.stoppedAt() == null) {
            parts.add("stops " + TIME.format(d.stopAt()) + " UTC");
        }
        if (e.stoppedAt() != null) {
            parts.add("stopped " + TIME.format(e.stoppedAt()) + " UTC");
        }
        if (d.autoStop()) {
            parts.add("stops itself on a guardrail or sample-ratio alert");
        }
        return String.join(" · ", parts);
    }

    private static Grid<Row> table(
            String id, List<ExperimentResults.VariantValue> values, List<ExperimentResults.Comparison> comparisons) {
        Grid<Row> table = new Grid<>(Row.class, false);
        table.setAllRowsVisible(true);
        table.setId(id);
        table.addColumn(Row::variant).setHeader("Variant").setAutoWidth(true).setFlexGrow(0);
        table.addColumn(x -> x.value().n())
                .setHeader("Units")
                .setAutoWidth(true)
                .setFlexGrow(0);
        table.addColumn(x -> fmt(x.value().mean(), 4))
                .setHeader("Mean")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(x -> x.value().mean());
        table.addColumn(x -> x.comparison() == null
                        ? "baseline"
                        : pct(x.comparison().frequentist().estimate()) + "  ["
                                + pct(x.comparison().frequentist().interval().lower()) + ", "
                                + pct(x.comparison().frequentist().interval().upper()) + "]")
                .setHeader("Effect (95 % interval)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(x -> x.comparison() == null
                        ? null
                        : x.comparison().frequentist().estimate());
        table.addComponentColumn(x -> x.comparison() == null ? new Span() : intervalBar(x.comparison()))
                .setHeader("vs control")
                .setWidth("14rem")
                .setFlexGrow(1);
        table.addColumn(x -> x.comparison() == null ? "" : fmt(x.comparison().adjustedPValue(), 4))
                .setHeader("p (Holm)")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(
                        x -> x.comparison() == null ? null : x.comparison().adjustedPValue());
        table.addColumn(x -> x.comparison() == null
                        ? ""
                        : Math.round(x.comparison().bayesian().chanceToWin() * 1000) / 10.0 + " %")
                .setHeader("Chance to win")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(x -> x.comparison() == null
                        ? null
                        : x.comparison().bayesian().chanceToWin());
        table.addColumn(x -> x.comparison() == null
                        ? ""
                        : pct(x.comparison().bayesian().riskOfTreatment()))
                .setHeader("Risk if shipped")
                .setAutoWidth(true)
                .setFlexGrow(0)
                .setComparator(x -> x.comparison() == null
                        ? null
                        : x.comparison().bayesian().riskOfTreatment());
        Grids.sortable(table);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(new Row(values.get(i).variant(), values.get(i), i == 0 ? null : comparisons.get(i - 1)));
        }
        table.setItems(rows);
        return table;
    }

    /** A variant's row in a metric table. */
    record Row(String variant, ExperimentResults.VariantValue value, ExperimentResults.Comparison comparison) {}

    /** The interval drawn against zero (scaled to fit it), green when it clears zero, red when below. */
    private static Component intervalBar(ExperimentResults.Comparison c) {
        Results.Interval i = c.frequentist().interval();
        double widest = Math.max(
                Double.isFinite(i.lower()) ? Math.abs(i.lower()) : 0,
                Double.isFinite(i.upper()) ? Math.abs(i.upper()) : 0);
        double range = Math.max(0.05, widest * 1.1);
        double lo = Math.max(-range, Math.min(range, i.lower()));
        double hi = Math.max(-range, Math.min(range, i.upper()));
        Div track = new Div();
        track.getStyle()
                .set("position", "relative")
                .set("height", "14px")
                .set("width", "100%")
                .set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "7px");
        Div zero = new Div();
        zero.getStyle()
                .set("position", "absolute")
                .set("left", "50%")
                .set("top", "0")
                .set("bottom", "0")
                .set("width", "2px")
                .set("background", "var(--lumo-contrast-50pct)");
        Div bar = new Div();
        String colour = i.lower() > 0
                ? "var(--lumo-success-color)"
                : i.upper() < 0 ? "var(--lumo-error-color)" : "var(--lumo-contrast-40pct)";
        bar.getStyle()
                .set("position", "absolute")
                .set("top", "3px")
                .set("height", "8px")
                .set("border-radius", "4px")
                .set("left", (50 + lo / range * 50) + "%")
                .set("width", Math.max(0.5, (hi - lo) / range * 50) + "%")
                .set("background", colour);
        Div point = new Div();
        double est = Math.max(-range, Math.min(range, c.frequentist().estimate()));
        point.getStyle()
                .set("position", "absolute")
                .set("top", "1px")
                .set("height", "12px")
                .set("width", "4px")
                .set("left", "calc(" + (50 + est / range * 50) + "% - 2px)")
                .set("background", "var(--lumo-body-text-color)")
                .set("border-radius", "2px");
        track.add(bar, zero, point);
        track.getElement().setAttribute("title", pct(i.lower()) + " to " + pct(i.upper()));
        return track;
    }

    /** What to do now, in words, from the first metric and the guardrails. */
    static String recommendation(Experiment e, ExperimentResults r) {
        if (r.sampleRatio().mismatch()) {
            return "Stop and investigate: the traffic split does not match the weights.";
        }
        if (r.metrics().isEmpty() || r.metrics().get(0).comparisons().isEmpty()) {
            return "No metrics yet.";
        }
        for (ExperimentResults.MetricResult m : r.metrics()) {
            if (!m.guardrail()) {
                continue;
            }
            for (ExperimentResults.Comparison c : m.comparisons()) {
                boolean worse = m.lowerIsBetter()
                        ? c.frequentist().estimate() > 0
                        : c.frequentist().estimate() < 0;
                if (c.adjustedPValue() < 0.05 && worse) {
                    return "Guardrail " + m.metric() + " is significantly worse for " + c.variant() + " ("
                            + pct(c.frequentist().estimate()) + "): do not ship it.";
                }
            }
        }
        ExperimentResults.MetricResult primary = r.metrics().get(0);
        ExperimentResults.Comparison best = primary.comparisons().stream()
                .max((a, b) ->
                        Double.compare(a.bayesian().chanceToWin(), b.bayesian().chanceToWin()))
                .orElseThrow();
        long units = r.units().stream()
                .mapToLong(ExperimentResults.VariantUnits::units)
                .sum();
        if (units < 100) {
            return "Too early: " + units + " units so far.";
        }
        boolean better = primary.lowerIsBetter()
                ? best.frequentist().estimate() < 0
                : best.frequentist().estimate() > 0;
        if (best.adjustedPValue() < 0.05 && better) {
            return "Ship " + best.variant() + ": " + pct(best.frequentist().estimate()) + " on " + primary.metric()
                    + " (chance to win " + Math.round(best.bayesian().chanceToWin() * 1000) / 10.0 + " %, p = "
                    + fmt(best.adjustedPValue(), 4) + " after Holm).";
        }
        if (best.adjustedPValue() < 0.05) {
            return "Keep the control: every variant does worse on " + primary.metric() + ".";
        }
        return "No clear difference on " + primary.metric() + " yet (best: " + best.variant() + ", chance to win "
                + Math.round(best.bayesian().chanceToWin() * 1000) / 10.0 + " %); keep it running.";
    }

    static String pct(double x) {
        if (!Double.isFinite(x)) {
            return x > 0 ? "+∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%+.1f %%", x * 100);
    }

    static String fmt(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }
}
