package dev.attune.admin.personalize;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;

/** A rule's definition JSON as the console reads it, and its hits as a chart. */
final class RuleDefinitions {

    private RuleDefinitions() {}

    /** The rule's definition ({@code when}, {@code on}, {@code action}, {@code cap}). */
    static JsonObject definition(Rule r) {
        return JSON.createReader(new StringReader(r.definitionJson())).readObject();
    }

    /** What the rule does, in short: "message", "slot home → trending", "survey", "webhook". */
    static String actionOf(Rule r) {
        JsonObject a = definition(r).getJsonObject("action");
        String type = a.getString("type", "?");
        return switch (type) {
            case "slot" -> "slot " + a.getString("slot", "") + " → " + a.getString("strategy", "");
            case "message" -> "message";
            default -> type;
        };
    }

    /** Fired and capped hits per day as stacked bars. */
    static JsonObject hitsChart(List<RuleService.Day> days) {
        JsonArrayBuilder x = JSON.createArrayBuilder();
        JsonArrayBuilder fired = JSON.createArrayBuilder();
        JsonArrayBuilder capped = JSON.createArrayBuilder();
        for (RuleService.Day d : days) {
            x.add(d.day().toString().substring(5));
            fired.add(d.fired());
            capped.add(d.capped());
        }
        return JSON.createObjectBuilder()
                .add("tooltip", JSON.createObjectBuilder().add("trigger", "axis"))
                .add(
                        "legend",
                        JSON.createObjectBuilder()
                                .add(
                                        "data",
                                        JSON.createArrayBuilder().add("fired").add("held back by the cap")))
                .add(
                        "grid",
                        JSON.createObjectBuilder()
                                .add("left", 40)
                                .add("right", 16)
                                .add("top", 32)
                                .add("bottom", 28))
                .add("xAxis", JSON.createObjectBuilder().add("type", "category").add("data", x))
                .add("yAxis", JSON.createObjectBuilder().add("type", "value").add("minInterval", 1))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("name", "fired")
                                        .add("type", "bar")
                                        .add("stack", "hits")
                                        .add("data", fired)
                                        .add("color", "#1a73e8"))
                                .add(JSON.createObjectBuilder()
                                        .add("name", "held back by the cap")
                                        .add("type", "bar")
                                        .add("stack", "hits")
                                        .add("data", capped)
                                        .add("color", "#adb5bd")))
                .build();
    }
}
