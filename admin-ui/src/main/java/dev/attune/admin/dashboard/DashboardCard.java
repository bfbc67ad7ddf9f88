package dev.attune.admin.dashboard;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.theme.lumo.LumoUtility;
import dev.attune.admin.charts.EChart;
import dev.attune.admin.components.CsvCells;
import jakarta.json.JsonObject;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A dashboard chart in a card: a title, a line on what it shows, the chart, and an "Export CSV" link that downloads
 * the data the chart draws (a header and one row per bucket or slice, as last shown). The chart has the card's id
 * ({@code chart-...}), the link that id followed by {@code -csv}.
 *
 * <p>Live updates redraw the chart only when its option changed, without animation after the first drawing, and keep
 * what the user did with it: the zoom window and the series switched off in the legend survive a redraw.
 */
final class DashboardCard extends Div {

    /** The data behind a chart, as exported: column names and rows of formatted values (empty for none). */
    record Csv(List<String> header, List<List<String>> rows) {
        Csv {
            header = List.copyOf(header);
            rows = rows.stream()
                    .map(r -> r.stream().map(v -> v == null ? "" : v).toList())
                    .toList();
        }
    }

    private final Chart chart = new Chart();
    private final Span description = new Span();
    private final String fileName;
    /** What the link downloads; read by the download request outside the session lock, hence immutable and volatile. */
    private volatile Csv csv = new Csv(List.of(), List.of());

    /**
     * @param id       the chart's element id, e.g. {@code chart-events}
     * @param title    the card's heading
     * @param fileName the download's base name, e.g. {@code attune-events}
     */
    DashboardCard(String id, String title, String fileName) {
        this.fileName = fileName;
        chart.setId(id);
        H3 heading = new H3(title);
        heading.addClassNames(LumoUtility.FontSize.MEDIUM, LumoUtility.Margin.NONE);
        Icon icon = VaadinIcon.DOWNLOAD_ALT.create();
        icon.setSize("1em");
        Anchor export = new Anchor(csvDownload(), AttachmentType.DOWNLOAD, "");
        export.add(icon, new Span("Export CSV"));
        export.setId(id + "-csv");
        export.addClassNames(
                LumoUtility.FontSize.SMALL,
                LumoUtility.Display.FLEX,
                LumoUtility.AlignItems.CENTER,
                LumoUtility.Gap.XSMALL,
                LumoUtility.Whitespace.NOWRAP);
        export.getElement().setAttribute("title", "Download the data of this chart as CSV");
        HorizontalLayout head = new HorizontalLayout(heading, export);
        head.setWidthFull();
        head.setAlignItems(Alignment.BASELINE);
        head.setJustifyContentMode(HorizontalLayout.JustifyContentMode.BETWEEN);
        description.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        add(head, description, chart);
        setId(id + "-card");
        addClassNames(
                LumoUtility.Display.FLEX,
                LumoUtility.FlexDirection.COLUMN,
                LumoUtility.Gap.XSMALL,
                LumoUtility.Padding.MEDIUM,
                LumoUtility.BorderRadius.LARGE,
                LumoUtility.Border.ALL,
                LumoUtility.BorderColor.CONTRAST_10);
        getStyle().set("min-width", "0");
    }

    /** The line under the title: what is drawn, and how (units, buckets, what the filters do to it). */
    void setDescription(String text) {
        if (!text.equals(description.getText())) {
            description.setText(text);
        }
    }

    /** Makes the card span every column of the dashboard's chart grid. */
    void spanAllColumns() {
        getStyle().set("grid-column", "1 / -1");
    }

    void setChartHeight(String height) {
        chart.setHeight(height);
    }

    /** Draws the option (when it changed) and keeps its data for the CSV link. */
    void show(JsonObject option, Csv data) {
        this.csv = data;
        chart.setOption(option);
    }

    EChart chart() {
        return chart;
    }

    Csv csv() {
        return csv;
    }

    private DownloadHandler csvDownload() {
        return event -> {
            Csv data = csv;
            event.setFileName(fileName + ".csv");
            event.setContentType("text/csv");
            try (OutputStream out = event.getOutputStream();
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(
                            writer,
                            CSVFormat.RFC4180
                                    .builder()
                                    .setHeader(CsvCells.header(data.header()))
                                    .get())) {
                for (List<String> row : data.rows()) {
                    printer.printRecord(CsvCells.row(row));
                }
            }
        };
    }

    /**
     * The card's chart: an {@link EChart} that skips redrawing an unchanged option, draws without animation after the
     * first time (live updates must not flicker), and restores the zoom window and the legend selection the user set
     * (the base chart replaces the whole option on each drawing, which would reset them).
     */
    static final class Chart extends EChart {
        private static final String RESTORE = """
                const el = this;
                const restore = (tries) => {
                  const chart = window.echarts && echarts.getInstanceByDom(el);
                  if (!chart || el.getAttribute('data-drawn') !== 'true') {
                    if (tries < 100) { setTimeout(() => restore(tries + 1), 50); }
                    return;
                  }
                  if (el.__dashHooked !== chart) {
                    el.__dashHooked = chart;
                    chart.on('datazoom', () => {
                      el.__dashZoom = (chart.getOption().dataZoom || []).map(z => ({start: z.start, end: z.end}));
                    });
                    chart.on('legendselectchanged', p => { el.__dashLegend = p.selected; });
                  }
                  (el.__dashZoom || []).forEach((z, i) =>
                    chart.dispatchAction({type: 'dataZoom', dataZoomIndex: i, start: z.start, end: z.end}));
                  Object.entries(el.__dashLegend || {}).forEach(([name, on]) => {
                    if (!on) { chart.dispatchAction({type: 'legendUnSelect', name}); }
                  });
                };
                el.__afterDraw = () => restore(0); // also after a redraw of its own (the theme changed)
                restore(0);""";

        /** The option last asked for (before animation was switched off), to skip redrawing the same. */
        private String last;

        @Override
        public void setOption(JsonObject option) {
            String asked = option.toString();
            if (asked.equals(last)) {
                return;
            }
            JsonObject effective = last == null ? option : withoutAnimation(option);
            last = asked;
            super.setOption(effective);
            getElement().executeJs(RESTORE);
        }

        /** The option with animation off (in its base option when it has media queries), unless it says otherwise. */
        private static JsonObject withoutAnimation(JsonObject option) {
            if (option.containsKey("baseOption")) {
                return JSON.createObjectBuilder(option)
                        .add("baseOption", withoutAnimation(option.getJsonObject("baseOption")))
                        .build();
            }
            return option.containsKey("animation")
                    ? option
                    : JSON.createObjectBuilder(option).add("animation", false).build();
        }
    }
}
