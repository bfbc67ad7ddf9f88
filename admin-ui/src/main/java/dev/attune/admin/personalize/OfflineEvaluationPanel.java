package dev.attune.admin.personalize;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.Grids;
import dev.attune.personalization.api.OfflineEvaluationService;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The offline evaluation of the recommenders on MovieLens (RecBole's full-ranking protocol): what it does, where the
 * data is, a run's progress, and per dataset the strategies' figures beside the published ones, as a table and a chart.
 * Who may change recommendations starts a run, reported as a {@link RunEvent}.
 */
class OfflineEvaluationPanel extends VerticalLayout {
    private final boolean canEdit;

    OfflineEvaluationPanel(boolean canEdit) {
        this.canEdit = canEdit;
        setPadding(false);
        setId("offline-eval");
    }

    /** Shows the evaluation's state: where the data is looked for, a run's progress, its error, and the results. */
    void show(OfflineEvaluationService.Status st) {
        removeAll();
        add(new H4("Offline evaluation: MovieLens under RecBole's full-ranking protocol"));
        Paragraph about = new Paragraph(
                "Every dataset under " + st.dataFolder() + " replayed with a per-person random 80/10/10 split: "
                        + "each strategy's parameters tuned on valid, Precision, Recall, NDCG and Hit at 10 measured on test, ranking all items "
                        + "the person has not seen, beside the published BPR rows. The same as bench/run offline-eval.");
        about.addClassNames(LumoUtility.FontSize.SMALL, LumoUtility.TextColor.SECONDARY);
        add(about);
        Button run =
                new Button("Run (quick grids)", VaadinIcon.PLAY.create(), e -> fireEvent(new RunEvent(this, true)));
        run.setId("offline-run");
        Button full = new Button("Run (full grids, about a minute)", e -> fireEvent(new RunEvent(this, false)));
        full.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        run.setEnabled(st.dataPresent() && !st.running() && canEdit);
        full.setEnabled(st.dataPresent() && !st.running() && canEdit);
        HorizontalLayout bar = new HorizontalLayout(run, full);
        bar.setAlignItems(Alignment.CENTER);
        if (st.running()) {
            ProgressBar progress = new ProgressBar();
            progress.setIndeterminate(true);
            progress.setWidth("10rem");
            Span line = new Span(st.progress() == null ? "" : st.progress());
            line.setId("offline-progress");
            bar.add(progress, line);
        }
        add(bar);
        if (!st.dataPresent()) {
            Paragraph none = new Paragraph(
                    "No MovieLens data found there. Put a folder laid out like ml-100k (u.data, u.item) under it, or set "
                            + "ATTUNE_RECOMMENDATIONS_OFFLINE_DATA.");
            none.addClassNames(LumoUtility.TextColor.SECONDARY);
            add(none);
        }
        if (st.error() != null) {
            Paragraph error = new Paragraph(st.error());
            error.addClassNames(LumoUtility.TextColor.ERROR);
            add(error);
        }
        for (var result : st.results()) {
            Paragraph head = new Paragraph(result.dataset() + ", split seed " + result.seed() + ": best on valid "
                    + result.best() + " (" + result.seconds() + " s)");
            head.setId("offline-summary");
            Grid<OfflineEvaluationService.Row> grid = new Grid<>(OfflineEvaluationService.Row.class, false);
            grid.setId("offline-rows");
            grid.setAllRowsVisible(true);
            grid.addColumn(OfflineEvaluationService.Row::strategy)
                    .setHeader("Strategy")
                    .setAutoWidth(true)
                    .setFlexGrow(0);
            grid.addColumn(OfflineEvaluationService.Row::params)
                    .setHeader("Parameters (best on valid)")
                    .setFlexGrow(1);
            grid.addColumn(r -> fmt(r.validNdcg()))
                    .setHeader("Valid NDCG@10")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setComparator(OfflineEvaluationService.Row::validNdcg);
            grid.addColumn(r -> fmt(r.precision()))
                    .setHeader("P@10")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setComparator(OfflineEvaluationService.Row::precision);
            grid.addColumn(r -> fmt(r.recall()))
                    .setHeader("R@10")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setComparator(OfflineEvaluationService.Row::recall);
            grid.addColumn(r -> fmt(r.ndcg()))
                    .setHeader("NDCG@10")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setComparator(OfflineEvaluationService.Row::ndcg);
            grid.addColumn(r -> fmt(r.hit()))
                    .setHeader("Hit@10")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setComparator(OfflineEvaluationService.Row::hit);
            grid.addColumn(r -> r.fitMillis() + " ms")
                    .setHeader("Fit")
                    .setAutoWidth(true)
                    .setFlexGrow(0)
                    .setComparator(OfflineEvaluationService.Row::fitMillis);
            Grids.sortable(grid);
            List<OfflineEvaluationService.Row> rows = new ArrayList<>(result.rows());
            for (var p : result.published()) {
                rows.add(new OfflineEvaluationService.Row(
                        "published " + p.model(),
                        p.source(),
                        Double.NaN,
                        p.precision(),
                        p.recall(),
                        p.ndcg(),
                        p.hit(),
                        0));
            }
            grid.setItems(rows);
            EChart chart = new EChart();
            chart.setId("offline-chart");
            chart.setHeight("16rem");
            JsonArrayBuilder names = JSON.createArrayBuilder();
            JsonArrayBuilder values = JSON.createArrayBuilder();
            rows.stream()
                    .sorted(Comparator.comparingDouble(OfflineEvaluationService.Row::ndcg))
                    .forEach(r -> {
                        names.add(r.strategy());
                        values.add(JSON.createObjectBuilder()
                                .add("value", Math.round(r.ndcg() * 10000) / 10000.0)
                                .add(
                                        "itemStyle",
                                        JSON.createObjectBuilder()
                                                .add(
                                                        "color",
                                                        r.strategy().startsWith("published")
                                                                ? "#adb5bd"
                                                                : r.strategy().equals(result.best())
                                                                        ? "#2f9e44"
                                                                        : "#1a73e8")));
                    });
            chart.setOption(JSON.createObjectBuilder()
                    .add(
                            "title",
                            JSON.createObjectBuilder()
                                    .add("text", "Test NDCG@10")
                                    .add("textStyle", JSON.createObjectBuilder().add("fontSize", 13)))
                    .add("tooltip", JSON.createObjectBuilder())
                    .add(
                            "grid",
                            JSON.createObjectBuilder()
                                    .add("left", 110)
                                    .add("right", 24)
                                    .add("top", 30)
                                    .add("bottom", 20))
                    .add("xAxis", JSON.createObjectBuilder().add("type", "value"))
                    .add(
                            "yAxis",
                            JSON.createObjectBuilder().add("type", "category").add("data", names))
                    .add(
                            "series",
                            JSON.createArrayBuilder()
                                    .add(JSON.createObjectBuilder()
                                            .add("type", "bar")
                                            .add("data", values)
                                            .add(
                                                    "label",
                                                    JSON.createObjectBuilder()
                                                            .add("show", true)
                                                            .add("position", "right"))))
                    .build());
            add(head, grid, chart);
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }

    Registration addRunListener(ComponentEventListener<RunEvent> listener) {
        return addListener(RunEvent.class, listener);
    }

    /** A run asked for: quick (small parameter grids) or full. */
    static final class RunEvent extends ComponentEvent<OfflineEvaluationPanel> {
        private final boolean quick;

        RunEvent(OfflineEvaluationPanel source, boolean quick) {
            super(source, false);
            this.quick = quick;
        }

        boolean quick() {
            return quick;
        }
    }
}
