package dev.attune.admin.experiment;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentResults;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/** An experiment's history as an ECharts option: the chart at the foot of {@link ExperimentResultsPanel}. */
final class ExperimentHistoryChart {

    private ExperimentHistoryChart() {}

    /** The primary metric's relative effect per treatment over time, with its 95 % interval as a band, against zero. */
    static JsonObject option(Experiment e, List<ExperimentResults.Snapshot> history) {
        String metric = e.metrics().get(0).key();
        JsonArrayBuilder series = JSON.createArrayBuilder();
        JsonArrayBuilder legend = JSON.createArrayBuilder();
        String[] palette = {
            "#1a73e8", "#e8590c", "#2f9e44", "#ae3ec9", "#f08c00", "#0c8599", "#c2255c", "#5c940d", "#364fc7"
        };
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
            series.add(JSON.createObjectBuilder()
                    .add("name", variant + " lower")
                    .add("type", "line")
                    .add("stack", stack)
                    .add("data", lower)
                    .add("color", colour)
                    .add("lineStyle", JSON.createObjectBuilder().add("opacity", 0))
                    .add("symbol", "none")
                    .add("silent", true)
                    .add("tooltip", JSON.createObjectBuilder().add("show", false)));
            series.add(JSON.createObjectBuilder()
                    .add("name", variant + " 95 % interval")
                    .add("type", "line")
                    .add("stack", stack)
                    .add("data", band)
                    .add("color", colour)
                    .add("lineStyle", JSON.createObjectBuilder().add("opacity", 0))
                    .add("symbol", "none")
                    .add("areaStyle", JSON.createObjectBuilder().add("opacity", 0.25))
                    .add("silent", true)
                    .add("tooltip", JSON.createObjectBuilder().add("show", false)));
            series.add(JSON.createObjectBuilder()
                    .add("name", variant)
                    .add("type", "line")
                    .add("data", effect)
                    .add("symbolSize", 5)
                    .add("color", colour)
                    .add(
                            "markLine",
                            JSON.createObjectBuilder()
                                    .add("silent", true)
                                    .add("symbol", "none")
                                    .add(
                                            "lineStyle",
                                            JSON.createObjectBuilder()
                                                    .add("type", "dashed")
                                                    .add("color", "#868e96"))
                                    .add(
                                            "data",
                                            JSON.createArrayBuilder()
                                                    .add(JSON.createObjectBuilder()
                                                            .add("yAxis", 0)))));
            legend.add(variant);
        }
        return JSON.createObjectBuilder()
                .add(
                        "tooltip",
                        JSON.createObjectBuilder().add("trigger", "axis").add("valueFormatter", "{value} %"))
                .add("legend", JSON.createObjectBuilder().add("data", legend).add("top", 0))
                .add(
                        "grid",
                        JSON.createObjectBuilder()
                                .add("left", 48)
                                .add("right", 16)
                                .add("top", 32)
                                .add("bottom", 32))
                .add("xAxis", JSON.createObjectBuilder().add("type", "time"))
                .add(
                        "yAxis",
                        JSON.createObjectBuilder()
                                .add("type", "value")
                                .add("name", "effect on " + metric + " (%)")
                                .add("nameTextStyle", JSON.createObjectBuilder().add("align", "left")))
                .add("series", series)
                .build();
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
