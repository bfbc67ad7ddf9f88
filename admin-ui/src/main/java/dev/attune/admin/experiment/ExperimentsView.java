package dev.attune.admin.experiment;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
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
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
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
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.personalization.api.stats.Results;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A site's experiments: create with validation, start / stop / ship, and live results per metric (effect with its
 * interval drawn against zero, Holm-adjusted p-value, chance to win, expected loss), the sample-ratio banner and a
 * plain-language recommendation.
 */
@Route(value = "experiments", layout = MainLayout.class)
@PageTitle("Experiments · Attune")
@RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
public class ExperimentsView extends VerticalLayout {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ExperimentService experiments;
    private final boolean canEdit = CurrentUser.hasRole(Roles.ADMIN) || CurrentUser.hasRole(Roles.ANALYST);
    private final ComboBox<SiteSummary> site = new ComboBox<>("Site");
    private final Grid<Experiment> grid = new Grid<>(Experiment.class, false);
    private final TextField filter = Grids.filterField(grid, "experiments-filter", "Filter by key or name");
    private final VerticalLayout detail = new VerticalLayout();
    private final Button holdout = new Button("Holdout", VaadinIcon.SHIELD.create());

    @Inject
    public ExperimentsView(SiteService sites, ExperimentService experiments) {
        this.experiments = experiments;
        setSizeFull();
        List<SiteSummary> all = sites.listSites();
        site.setItems(all);
        site.setItemLabelGenerator(SiteSummary::name);
        site.setId("experiments-site");
        site.setWidth("20rem");
        site.addValueChangeListener(e -> refresh());
        Button add = new Button("New experiment", VaadinIcon.PLUS.create(), e -> openCreate());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("experiment-new");
        add.setVisible(canEdit);
        holdout.setId("experiment-holdout");
        holdout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        holdout.addClickListener(e -> openHoldout());
        holdout.setEnabled(CurrentUser.hasRole(Roles.ADMIN));
        HorizontalLayout bar = new HorizontalLayout(site, add, holdout, filter);
        bar.setAlignItems(Alignment.BASELINE);

        grid.setId("experiments-grid");
        grid.setAllRowsVisible(true);
        grid.addColumn(Experiment::key).setHeader("Key").setWidth("9rem").setFlexGrow(1);
        grid.addColumn(Experiment::name).setHeader("Name").setWidth("10rem").setFlexGrow(2);
        grid.addComponentColumn(e -> status(e.status())).setHeader("Status").setWidth("7rem").setFlexGrow(0)
                .setComparator(Experiment::status);
        grid.addColumn(ExperimentsView::split).setHeader("Variants").setWidth("9rem").setFlexGrow(1);
        grid.addColumn(e -> e.definition().mode() == Experiment.Mode.BANDIT ? "bandit" : "A/B").setHeader("Mode").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.startedAt() == null ? "" : TIME.format(e.startedAt())).setHeader("Started (UTC)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(Experiment::startedAt);
        grid.addComponentColumn(this::actions).setAutoWidth(true).setFlexGrow(0);
        Grids.sortable(grid);
        grid.setEmptyStateText("No experiments for this site yet.");
        grid.addSelectionListener(e -> showDetail(e.getFirstSelectedItem().orElse(null)));
        detail.setPadding(false);
        detail.setId("experiment-detail");
        add(new H2("Experiments"), bar, grid, detail);
        if (!all.isEmpty()) {
            site.setValue(all.get(0));
        }
    }

    private void refresh() {
        refresh(null);
    }

    /** Reloads the list and shows {@code selected} (or the first experiment). */
    private void refresh(java.util.UUID selected) {
        List<Experiment> list = site.getValue() == null ? List.of() : experiments.list(site.getValue().id());
        grid.setItems(list).setFilter(Grids.matching(filter, Experiment::key, Experiment::name));
        holdout.setText(site.getValue() == null ? "Holdout" : "Holdout: " + experiments.holdoutPercent(site.getValue().id()) + " %");
        if (!list.isEmpty()) {
            grid.select(list.stream().filter(e -> e.id().equals(selected)).findFirst().orElse(list.get(0)));
        } else {
            detail.removeAll();
        }
    }

    /** The variants with their weights, a bandit's with the allocation it serves now. */
    private static String split(Experiment e) {
        int[] bp = e.currentBasisPoints();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < bp.length; i++) {
            parts.add(e.variants().get(i).key() + " " + (bp[i] % 100 == 0 ? String.valueOf(bp[i] / 100) : fmt(bp[i] / 100.0, 1)) + " %");
        }
        return String.join(" / ", parts);
    }

    private void openHoldout() {
        if (site.getValue() == null) {
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Global holdout for " + site.getValue().name());
        IntegerField percent = new IntegerField("Share of units held out of every experiment (%)");
        percent.setValue(experiments.holdoutPercent(site.getValue().id()));
        percent.setMin(0);
        percent.setMax(50);
        percent.setWidthFull();
        percent.setId("holdout-percent");
        Paragraph help = new Paragraph("Held-out visitors always see every experiment's control and are counted in none, so the "
                + "combined effect of everything shipped can be measured against them. It can change only while no experiment runs.");
        help.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        Button save = new Button("Save", e -> {
            try {
                experiments.setHoldoutPercent(site.getValue().id(), percent.getValue() == null ? -1 : percent.getValue());
                dialog.close();
                refresh();
            } catch (InvalidInputException ex) {
                percent.setInvalid(true);
                percent.setErrorMessage(ex.errors().get(0).message());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("holdout-save");
        dialog.add(new VerticalLayout(percent, help));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private HorizontalLayout actions(Experiment e) {
        HorizontalLayout row = new HorizontalLayout();
        if (!canEdit) {
            return row;
        }
        Button edit = new Button("Edit", ev -> new ExperimentEditor(experiments, e.siteId(), site.getValue().name(), e,
                saved -> refresh(saved.id())).open());
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.setId("experiment-edit-" + e.key());
        row.add(edit);
        List<Experiment.Status> next = switch (e.status()) {
            case DRAFT -> List.of(Experiment.Status.RUNNING);
            case RUNNING -> List.of(Experiment.Status.STOPPED, Experiment.Status.SHIPPED);
            case STOPPED -> List.of(Experiment.Status.SHIPPED);
            case SHIPPED -> List.of();
        };
        for (Experiment.Status s : next) {
            String label = switch (s) {
                case RUNNING -> "Start";
                case STOPPED -> "Stop";
                case SHIPPED -> "Ship";
                default -> s.name();
            };
            Button b = new Button(label, ev -> {
                experiments.setStatus(e.id(), s);
                Notification.show(e.key() + ": " + s.name().toLowerCase(Locale.ROOT), 3000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                refresh(e.id());
            });
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, s == Experiment.Status.RUNNING ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_CONTRAST);
            b.setId("experiment-" + label.toLowerCase(Locale.ROOT) + "-" + e.key());
            row.add(b);
        }
        return row;
    }

    private void showDetail(Experiment e) {
        detail.removeAll();
        if (e == null) {
            return;
        }
        ExperimentResults r = experiments.results(e.id());
        H3 title = new H3(e.name());
        Experiment.Definition d = e.definition();
        Paragraph hypothesis = new Paragraph(d.hypothesis() == null ? "" : "Hypothesis: " + d.hypothesis());
        hypothesis.addClassNames(LumoUtility.TextColor.SECONDARY);
        Paragraph setup = new Paragraph(setup(e));
        setup.setId("experiment-setup");
        setup.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        detail.add(title, hypothesis, setup);
        if (e.alert() != null) {
            Div alert = new Div(VaadinIcon.WARNING.create(), new Span(" " + e.alert() + " (" + TIME.format(e.alertAt()) + " UTC)"));
            alert.setId("experiment-alert");
            alert.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.Background.ERROR_10,
                    LumoUtility.TextColor.ERROR);
            detail.add(alert);
        }
        long total = r.units().stream().mapToLong(ExperimentResults.VariantUnits::units).sum();
        Div srm = new Div();
        srm.setId("experiment-srm");
        srm.addClassNames(LumoUtility.Padding.SMALL, LumoUtility.BorderRadius.MEDIUM, LumoUtility.FontSize.SMALL);
        if (d.mode() == Experiment.Mode.BANDIT) {
            List<String> arms = new ArrayList<>();
            for (int i = 0; i < r.units().size(); i++) {
                arms.add(r.units().get(i).variant() + " " + r.units().get(i).units() + " units, chance to be best "
                        + Math.round(r.chanceToBeBest().get(i) * 1000) / 10.0 + " %");
            }
            srm.setText(total + " units exposed. Bandit now serving " + split(e) + (e.weightsAt() == null ? " (defined weights until every arm "
                    + "has its minimum sample)" : " (reweighted " + TIME.format(e.weightsAt()) + " UTC)") + ": " + String.join("; ", arms) + ".");
            srm.addClassNames(LumoUtility.Background.CONTRAST_5);
        } else {
            String split = String.join(", ", r.units().stream().map(u -> u.variant() + " " + u.units() + " (" + Math.round(u.expectedShare() * 100)
                    + " % intended)").toList());
            if (r.sampleRatio().mismatch()) {
                srm.setText("Sample ratio mismatch (p = " + fmt(r.sampleRatio().pValue(), 5) + "): " + split
                        + ". The assignment is not working as designed; do not trust these results until it is explained.");
                srm.addClassNames(LumoUtility.Background.ERROR_10, LumoUtility.TextColor.ERROR);
            } else {
                srm.setText(total + " units exposed: " + split + ". Sample ratio as intended (p = " + fmt(r.sampleRatio().pValue(), 3) + ").");
                srm.addClassNames(LumoUtility.Background.CONTRAST_5);
            }
        }
        detail.add(srm);
        Paragraph advice = new Paragraph(recommendation(e, r));
        advice.setId("experiment-advice");
        advice.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        detail.add(advice);
        for (ExperimentResults.MetricResult m : r.metrics()) {
            H4 heading = new H4(m.metric() + " (" + m.kind() + (m.guardrail() ? ", guardrail" : "") + (m.lowerIsBetter() ? ", lower is better" : "") + ")");
            detail.add(heading);
            if (m.cuped()) {
                Span cuped = new Span("CUPED: pre-exposure behaviour removed " + Math.round(m.varianceReduction() * 100)
                        + " % of the variance; effects and intervals are adjusted.");
                cuped.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
                cuped.setId("cuped-" + m.metric());
                detail.add(cuped);
            }
            detail.add(table("results-" + m.metric(), m.values(), m.comparisons()));
        }
        if (!r.segments().isEmpty()) {
            detail.add(new H4("By device: " + e.metrics().get(0).key()));
            VerticalLayout segments = new VerticalLayout();
            segments.setPadding(false);
            segments.setId("experiment-segments");
            for (ExperimentResults.Segment s : r.segments()) {
                Span label = new Span(s.device());
                label.addClassNames(LumoUtility.FontWeight.SEMIBOLD, LumoUtility.FontSize.SMALL);
                segments.add(label, table("segment-" + s.device(), s.values(), s.comparisons()));
            }
            detail.add(segments);
        }
        detail.add(new H4("Over time: " + e.metrics().get(0).key()));
        List<ExperimentResults.Snapshot> history = experiments.history(e.id());
        if (history.stream().map(ExperimentResults.Snapshot::takenAt).distinct().count() < 2) {
            Paragraph empty = new Paragraph("The chart fills in as the guard snapshots the results (every hour by default); "
                    + "it needs two snapshots to draw a line.");
            empty.addClassNames(LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
            empty.setId("experiment-history-empty");
            detail.add(empty);
        } else {
            EChart chart = new EChart();
            chart.setId("experiment-history");
            chart.setOption(historyChart(e, history));
            detail.add(chart);
        }
    }

    /** Mode, traffic, layer, targeting and schedule in one line. */
    private static String setup(Experiment e) {
        Experiment.Definition d = e.definition();
        List<String> parts = new ArrayList<>();
        parts.add(d.mode() == Experiment.Mode.BANDIT ? "Bandit (Thompson sampling on " + d.metrics().get(0).key() + ")" : "A/B test");
        parts.add(d.trafficPercent() + " % of " + (d.layer() == null ? "traffic" : "layer " + d.layer().name() + " (buckets "
                + d.layer().from() + "–" + (d.layer().from() + d.trafficPercent() - 1) + ")"));
        parts.add(d.targeting().urlPatterns().isEmpty() ? "every page" : "pages " + String.join(", ", d.targeting().urlPatterns()));
        parts.add(d.targeting().devices().isEmpty() ? "every device" : String.join(", ", d.targeting().devices().stream().sorted().toList()));
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

    private static Grid<Row> table(String id, List<ExperimentResults.VariantValue> values, List<ExperimentResults.Comparison> comparisons) {
        Grid<Row> table = new Grid<>(Row.class, false);
        table.setAllRowsVisible(true);
        table.setId(id);
        table.addColumn(Row::variant).setHeader("Variant").setAutoWidth(true).setFlexGrow(0);
        table.addColumn(x -> x.value().n()).setHeader("Units").setAutoWidth(true).setFlexGrow(0);
        table.addColumn(x -> fmt(x.value().mean(), 4)).setHeader("Mean").setAutoWidth(true).setFlexGrow(0)
                .setComparator(x -> x.value().mean());
        table.addColumn(x -> x.comparison() == null ? "baseline" : pct(x.comparison().frequentist().estimate()) + "  ["
                + pct(x.comparison().frequentist().interval().lower()) + ", " + pct(x.comparison().frequentist().interval().upper()) + "]")
                .setHeader("Effect (95 % interval)").setAutoWidth(true).setFlexGrow(0)
                .setComparator(x -> x.comparison() == null ? null : x.comparison().frequentist().estimate());
        table.addComponentColumn(x -> x.comparison() == null ? new Span() : intervalBar(x.comparison())).setHeader("vs control")
                .setWidth("14rem").setFlexGrow(1);
        table.addColumn(x -> x.comparison() == null ? "" : fmt(x.comparison().adjustedPValue(), 4)).setHeader("p (Holm)")
                .setAutoWidth(true).setFlexGrow(0).setComparator(x -> x.comparison() == null ? null : x.comparison().adjustedPValue());
        table.addColumn(x -> x.comparison() == null ? "" : Math.round(x.comparison().bayesian().chanceToWin() * 1000) / 10.0 + " %")
                .setHeader("Chance to win").setAutoWidth(true).setFlexGrow(0)
                .setComparator(x -> x.comparison() == null ? null : x.comparison().bayesian().chanceToWin());
        table.addColumn(x -> x.comparison() == null ? "" : pct(x.comparison().bayesian().riskOfTreatment()))
                .setHeader("Risk if shipped").setAutoWidth(true).setFlexGrow(0)
                .setComparator(x -> x.comparison() == null ? null : x.comparison().bayesian().riskOfTreatment());
        Grids.sortable(table);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(new Row(values.get(i).variant(), values.get(i), i == 0 ? null : comparisons.get(i - 1)));
        }
        table.setItems(rows);
        return table;
    }

    /** The primary metric's relative effect per treatment over time, with its 95 % interval as a band, against zero. */
    static JsonObject historyChart(Experiment e, List<ExperimentResults.Snapshot> history) {
        String metric = e.metrics().get(0).key();
        JsonArrayBuilder series = JSON.createArrayBuilder();
        JsonArrayBuilder legend = JSON.createArrayBuilder();
        String[] palette = {"#1a73e8", "#e8590c", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#c2255c", "#5c940d", "#364fc7"};
        for (int i = 1; i < e.variants().size(); i++) {
            String variant = e.variants().get(i).key();
            String colour = palette[(i - 1) % palette.length];
            JsonArrayBuilder effect = JSON.createArrayBuilder();
            JsonArrayBuilder lower = JSON.createArrayBuilder();
            JsonArrayBuilder band = JSON.createArrayBuilder();
            for (ExperimentResults.Snapshot s : history) {
                if (!s.metric().equals(metric) || !s.variant().equals(variant) || s.effect() == null || s.units() < 2) {
                    continue;
                }
                String at = s.takenAt().toString();
                effect.add(JSON.createArrayBuilder().add(at).add(round(s.effect() * 100)));
                if (s.lower() != null && s.upper() != null) {
                    lower.add(JSON.createArrayBuilder().add(at).add(round(s.lower() * 100)));
                    band.add(JSON.createArrayBuilder().add(at).add(round((s.upper() - s.lower()) * 100)));
                }
            }
            String stack = "band-" + variant;
            series.add(JSON.createObjectBuilder().add("name", variant + " lower").add("type", "line").add("stack", stack).add("data", lower)
                    .add("color", colour)
                    .add("lineStyle", JSON.createObjectBuilder().add("opacity", 0)).add("symbol", "none").add("silent", true)
                    .add("tooltip", JSON.createObjectBuilder().add("show", false)));
            series.add(JSON.createObjectBuilder().add("name", variant + " 95 % interval").add("type", "line").add("stack", stack).add("data", band)
                    .add("color", colour)
                    .add("lineStyle", JSON.createObjectBuilder().add("opacity", 0)).add("symbol", "none")
                    .add("areaStyle", JSON.createObjectBuilder().add("opacity", 0.25)).add("silent", true)
                    .add("tooltip", JSON.createObjectBuilder().add("show", false)));
            series.add(JSON.createObjectBuilder().add("name", variant).add("type", "line").add("data", effect).add("symbolSize", 5)
                    .add("color", colour)
                    .add("markLine", JSON.createObjectBuilder().add("silent", true).add("symbol", "none")
                            .add("lineStyle", JSON.createObjectBuilder().add("type", "dashed").add("color", "#868e96"))
                            .add("data", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("yAxis", 0)))));
            legend.add(variant);
        }
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder().add("trigger", "axis").add("valueFormatter", "{value} %"))
                .add("legend", JSON.createObjectBuilder().add("data", legend).add("top", 0))
                .add("grid", JSON.createObjectBuilder().add("left", 48).add("right", 16).add("top", 32).add("bottom", 32))
                .add("xAxis", JSON.createObjectBuilder().add("type", "time"))
                .add("yAxis", JSON.createObjectBuilder().add("type", "value").add("name", "effect on " + metric + " (%)")
                        .add("nameTextStyle", JSON.createObjectBuilder().add("align", "left")))
                .add("series", series).build();
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    /** A variant's row in a metric table. */
    record Row(String variant, ExperimentResults.VariantValue value, ExperimentResults.Comparison comparison) {
    }

    /** The interval drawn against zero (scaled to fit it), green when it clears zero, red when below. */
    private static Component intervalBar(ExperimentResults.Comparison c) {
        Results.Interval i = c.frequentist().interval();
        double widest = Math.max(Double.isFinite(i.lower()) ? Math.abs(i.lower()) : 0, Double.isFinite(i.upper()) ? Math.abs(i.upper()) : 0);
        double range = Math.max(0.05, widest * 1.1);
        double lo = Math.max(-range, Math.min(range, i.lower()));
        double hi = Math.max(-range, Math.min(range, i.upper()));
        Div track = new Div();
        track.getStyle().set("position", "relative").set("height", "14px").set("width", "100%")
                .set("background", "var(--lumo-contrast-5pct)").set("border-radius", "7px");
        Div zero = new Div();
        zero.getStyle().set("position", "absolute").set("left", "50%").set("top", "0").set("bottom", "0").set("width", "2px")
                .set("background", "var(--lumo-contrast-50pct)");
        Div bar = new Div();
        String colour = i.lower() > 0 ? "var(--lumo-success-color)" : i.upper() < 0 ? "var(--lumo-error-color)" : "var(--lumo-contrast-40pct)";
        bar.getStyle().set("position", "absolute").set("top", "3px").set("height", "8px").set("border-radius", "4px")
                .set("left", (50 + lo / range * 50) + "%").set("width", Math.max(0.5, (hi - lo) / range * 50) + "%").set("background", colour);
        Div point = new Div();
        double est = Math.max(-range, Math.min(range, c.frequentist().estimate()));
        point.getStyle().set("position", "absolute").set("top", "1px").set("height", "12px").set("width", "4px")
                .set("left", "calc(" + (50 + est / range * 50) + "% - 2px)").set("background", "var(--lumo-body-text-color)")
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
                boolean worse = m.lowerIsBetter() ? c.frequentist().estimate() > 0 : c.frequentist().estimate() < 0;
                if (c.adjustedPValue() < 0.05 && worse) {
                    return "Guardrail " + m.metric() + " is significantly worse for " + c.variant() + " (" + pct(c.frequentist().estimate())
                            + "): do not ship it.";
                }
            }
        }
        ExperimentResults.MetricResult primary = r.metrics().get(0);
        ExperimentResults.Comparison best = primary.comparisons().stream()
                .max((a, b) -> Double.compare(a.bayesian().chanceToWin(), b.bayesian().chanceToWin())).orElseThrow();
        long units = r.units().stream().mapToLong(ExperimentResults.VariantUnits::units).sum();
        if (units < 100) {
            return "Too early: " + units + " units so far.";
        }
        boolean better = primary.lowerIsBetter() ? best.frequentist().estimate() < 0 : best.frequentist().estimate() > 0;
        if (best.adjustedPValue() < 0.05 && better) {
            return "Ship " + best.variant() + ": " + pct(best.frequentist().estimate()) + " on " + primary.metric() + " (chance to win "
                    + Math.round(best.bayesian().chanceToWin() * 1000) / 10.0 + " %, p = " + fmt(best.adjustedPValue(), 4) + " after Holm).";
        }
        if (best.adjustedPValue() < 0.05) {
            return "Keep the control: every variant does worse on " + primary.metric() + ".";
        }
        return "No clear difference on " + primary.metric() + " yet (best: " + best.variant() + ", chance to win "
                + Math.round(best.bayesian().chanceToWin() * 1000) / 10.0 + " %); keep it running.";
    }

    private void openCreate() {
        if (site.getValue() != null) {
            new ExperimentEditor(experiments, site.getValue().id(), site.getValue().name(), null, saved -> refresh(saved.id())).open();
        }
    }

    private static Span status(Experiment.Status status) {
        Span badge = new Span(status.name().toLowerCase(Locale.ROOT));
        badge.getElement().getThemeList().add("badge pill" + switch (status) {
            case RUNNING -> " success";
            case STOPPED -> " contrast";
            case SHIPPED -> " primary";
            case DRAFT -> "";
        });
        return badge;
    }

    private static String pct(double x) {
        if (!Double.isFinite(x)) {
            return x > 0 ? "+∞" : "−∞";
        }
        return String.format(Locale.ROOT, "%+.1f %%", x * 100);
    }

    private static String fmt(double x, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }
}
