package dev.attune.admin.collect;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.Survey;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A survey's definition JSON as the console reads and shows it: the trigger and targeting in words, pretty JSON. */
final class SurveyJson {
    static final List<String> TRIGGERS =
            List.of("time_on_page", "page_views", "scroll_depth", "exit_intent", "event", "click");

    private SurveyJson() {}

    static JsonObject definition(Survey s) {
        return JSON.createReader(new StringReader(s.definitionJson())).readObject();
    }

    static String triggerLabel(String type) {
        return switch (type) {
            case "time_on_page" -> "Time on page";
            case "page_views" -> "Page views";
            case "scroll_depth" -> "Scroll depth";
            case "exit_intent" -> "Exit intent";
            case "event" -> "Custom event";
            case "click" -> "Click on an element";
            default -> type;
        };
    }

    static String trigger(JsonObject d) {
        JsonObject t = d.getJsonObject("trigger");
        return switch (t.getString("type")) {
            case "time_on_page" -> t.getInt("seconds") + " s on page";
            case "page_views" -> "at page view " + t.getInt("count");
            case "scroll_depth" -> "scrolled " + t.getInt("percent") + " %";
            case "exit_intent" -> "exit intent";
            case "event" -> "on event " + t.getString("name");
            case "click" -> "click on " + t.getString("selector");
            default -> t.getString("type");
        };
    }

    static String targeting(JsonObject d) {
        JsonObject g = d.containsKey("targeting") ? d.getJsonObject("targeting") : JsonValue.EMPTY_JSON_OBJECT;
        List<String> parts = new ArrayList<>();
        parts.add(g.containsKey("urlPattern") ? g.getString("urlPattern") : "every page");
        if (g.containsKey("devices")) {
            parts.add(String.join("/", strings(g.getJsonArray("devices"))));
        }
        if (g.containsKey("segment")) {
            parts.add("segment " + g.getString("segment"));
        }
        if (g.containsKey("sharePercent")) {
            parts.add(g.getInt("sharePercent") + " %");
        }
        return String.join(" · ", parts);
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    static String number(JsonObject o, String field) {
        if (!o.containsKey(field)) {
            return "";
        }
        double v = o.getJsonNumber(field).doubleValue();
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static String pretty(JsonObject json) {
        StringWriter out = new StringWriter();
        JsonWriterFactory writers = JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        try (JsonWriter w = writers.createWriter(out)) {
            w.write(json);
        }
        return out.toString().strip();
    }
}
