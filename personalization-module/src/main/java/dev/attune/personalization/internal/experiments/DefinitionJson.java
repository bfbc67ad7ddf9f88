package dev.attune.personalization.internal.experiments;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Definition;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.Experiment.Variant;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A definition's JSON, one format for the database columns and the admin API. */
public final class DefinitionJson {
    private DefinitionJson() {}

    public static JsonArrayBuilder variants(List<Variant> variants) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (Variant v : variants) {
            var o = JSON.createObjectBuilder().add("key", v.key()).add("weight", v.weight());
            if (v.payloadJson() != null) {
                o.add(
                        "payload",
                        JSON.createReader(new StringReader(v.payloadJson())).readValue());
            }
            a.add(o);
        }
        return a;
    }

    public static JsonArrayBuilder metrics(List<Metric> metrics) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (Metric m : metrics) {
            var o = JSON.createObjectBuilder()
                    .add("key", m.key())
                    .add("kind", m.kind().name().toLowerCase(Locale.ROOT))
                    .add("eventType", m.eventType())
                    .add("windowHours", m.windowHours())
                    .add("guardrail", m.guardrail())
                    .add("lowerIsBetter", m.lowerIsBetter());
            if (m.denominatorEventType() != null) {
                o.add("denominatorEventType", m.denominatorEventType());
            }
            a.add(o);
        }
        return a;
    }

    public static JsonObjectBuilder targeting(Experiment.Targeting t) {
        JsonArrayBuilder urls = JSON.createArrayBuilder();
        t.urlPatterns().forEach(urls::add);
        JsonArrayBuilder devices = JSON.createArrayBuilder();
        t.devices().stream().sorted().forEach(devices::add);
        JsonArrayBuilder segments = JSON.createArrayBuilder();
        t.segments().stream().sorted().forEach(segments::add);
        return JSON.createObjectBuilder()
                .add("urlPatterns", urls)
                .add("devices", devices)
                .add("segments", segments);
    }

    /** The whole definition, as the admin API shows and takes it. */
    public static JsonObjectBuilder definition(Definition d) {
        var o = JSON.createObjectBuilder()
                .add("key", d.key())
                .add("name", d.name())
                .add("mode", d.mode().name().toLowerCase(Locale.ROOT))
                .add("variants", variants(d.variants()))
                .add("trafficPercent", d.trafficPercent())
                .add("targeting", targeting(d.targeting()))
                .add("metrics", metrics(d.metrics()))
                .add("autoStop", d.autoStop());
        if (d.hypothesis() != null) {
            o.add("hypothesis", d.hypothesis());
        }
        if (d.layer() != null) {
            o.add(
                    "layer",
                    JSON.createObjectBuilder()
                            .add("name", d.layer().name())
                            .add("from", d.layer().from()));
        }
        if (d.startAt() != null) {
            o.add("startAt", d.startAt().toString());
        }
        if (d.stopAt() != null) {
            o.add("stopAt", d.stopAt().toString());
        }
        return o;
    }

    static List<Variant> variants(String json) {
        List<Variant> variants = new ArrayList<>();
        for (JsonValue v : JSON.createReader(new StringReader(json)).readArray()) {
            JsonObject o = v.asJsonObject();
            variants.add(new Variant(
                    o.getString("key"),
                    o.getInt("weight"),
                    o.containsKey("payload") ? o.get("payload").toString() : null));
        }
        return List.copyOf(variants);
    }

    static List<Metric> metrics(String json) {
        List<Metric> metrics = new ArrayList<>();
        for (JsonValue v : JSON.createReader(new StringReader(json)).readArray()) {
            JsonObject o = v.asJsonObject();
            metrics.add(new Metric(
                    o.getString("key"),
                    Metric.Kind.valueOf(o.getString("kind").toUpperCase(Locale.ROOT)),
                    o.getString("eventType"),
                    o.getString("denominatorEventType", null),
                    o.getInt("windowHours"),
                    o.getBoolean("guardrail", false),
                    o.getBoolean("lowerIsBetter", false)));
        }
        return List.copyOf(metrics);
    }

    static Experiment.Targeting targeting(String json) {
        JsonObject o = JSON.createReader(new StringReader(json)).readObject();
        List<String> urls = new ArrayList<>();
        if (o.get("urlPatterns") instanceof JsonArray a) {
            a.getValuesAs(JsonString.class).forEach(s -> urls.add(s.getString()));
        }
        Set<String> devices = new LinkedHashSet<>();
        if (o.get("devices") instanceof JsonArray a) {
            a.getValuesAs(JsonString.class).forEach(s -> devices.add(s.getString()));
        }
        Set<String> segments = new LinkedHashSet<>();
        if (o.get("segments") instanceof JsonArray a) {
            a.getValuesAs(JsonString.class).forEach(s -> segments.add(s.getString()));
        }
        return new Experiment.Targeting(urls, devices, segments);
    }

    /**
     * Reads a definition from the admin API's JSON; wrong types are reported per field (with everything else the
     * service finds), missing optional parts take their defaults.
     */
    public static Definition parse(JsonObject json) {
        List<FieldError> errors = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        JsonArray vs = array(json, "variants", errors, true);
        for (int i = 0; vs != null && i < vs.size(); i++) {
            JsonObject v = vs.get(i) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            variants.add(new Variant(
                    string(v, "key"),
                    integer(v, "weight", 0, "variants/" + i + "/weight", errors),
                    v.containsKey("payload") && v.get("payload") != JsonValue.NULL
                            ? v.get("payload").toString()
                            : null));
        }
        List<Metric> metrics = new ArrayList<>();
        JsonArray ms = array(json, "metrics", errors, true);
        for (int i = 0; ms != null && i < ms.size(); i++) {
            JsonObject m = ms.get(i) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            Metric.Kind kind = null;
            try {
                kind = Metric.Kind.valueOf(String.valueOf(string(m, "kind")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported by the definition check
            }
            metrics.add(new Metric(
                    string(m, "key"),
                    kind,
                    string(m, "eventType"),
                    string(m, "denominatorEventType"),
                    integer(m, "windowHours", 72, "metrics/" + i + "/windowHours", errors),
                    bool(m, "guardrail"),
                    bool(m, "lowerIsBetter")));
        }
        Experiment.Mode mode = Experiment.Mode.AB;
        if (json.containsKey("mode")) {
            try {
                mode = Experiment.Mode.valueOf(
                        String.valueOf(string(json, "mode")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("mode", "must be ab or bandit"));
            }
        }
        Experiment.Targeting targeting = Experiment.Targeting.EVERYONE;
        if (json.get("targeting") instanceof JsonObject t) {
            List<String> urls = new ArrayList<>();
            JsonArray ua = array(t, "urlPatterns", errors, false);
            for (int i = 0; ua != null && i < ua.size(); i++) {
                urls.add(ua.get(i) instanceof JsonString s ? s.getString() : null);
            }
            Set<String> devices = new LinkedHashSet<>();
            JsonArray da = array(t, "devices", errors, false);
            for (int i = 0; da != null && i < da.size(); i++) {
                devices.add(da.get(i) instanceof JsonString s ? s.getString() : String.valueOf(da.get(i)));
            }
            Set<String> segments = new LinkedHashSet<>();
            JsonArray sa = array(t, "segments", errors, false);
            for (int i = 0; sa != null && i < sa.size(); i++) {
                segments.add(sa.get(i) instanceof JsonString s ? s.getString() : String.valueOf(sa.get(i)));
            }
            targeting = new Experiment.Targeting(urls, devices, segments);
        } else if (json.containsKey("targeting") && json.get("targeting") != JsonValue.NULL) {
            errors.add(new FieldError(
                    "targeting", "must be an object: {\"urlPatterns\":[…],\"devices\":[…],\"segments\":[…]}"));
        }
        Experiment.Layer layer = null;
        if (json.get("layer") instanceof JsonObject l) {
            layer = new Experiment.Layer(string(l, "name"), integer(l, "from", 0, "layer/from", errors));
        } else if (json.containsKey("layer") && json.get("layer") != JsonValue.NULL) {
            errors.add(new FieldError("layer", "must be an object: {\"name\":…,\"from\":0}"));
        }
        Instant startAt = instant(json, "startAt", errors);
        Instant stopAt = instant(json, "stopAt", errors);
        int traffic = integer(json, "trafficPercent", 100, "trafficPercent", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid experiment", errors);
        }
        return new Definition(
                string(json, "key"),
                string(json, "name"),
                string(json, "hypothesis"),
                mode,
                variants,
                traffic,
                targeting,
                layer,
                metrics,
                bool(json, "autoStop"),
                startAt,
                stopAt);
    }

    private static String string(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }

    private static boolean bool(JsonObject o, String field) {
        return o.get(field) == JsonValue.TRUE;
    }

    private static int integer(JsonObject o, String field, int absent, String at, List<FieldError> errors) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) {
            return absent;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            return n.intValue();
        }
        errors.add(new FieldError(at, "must be a whole number"));
        return absent;
    }

    private static JsonArray array(JsonObject o, String field, List<FieldError> errors, boolean required) {
        if (o.get(field) instanceof JsonArray a) {
            return a;
        }
        if (required || (o.containsKey(field) && o.get(field) != JsonValue.NULL)) {
            errors.add(new FieldError(field, "must be an array"));
        }
        return null;
    }

    private static Instant instant(JsonObject o, String field, List<FieldError> errors) {
        if (!o.containsKey(field) || o.get(field) == JsonValue.NULL) {
            return null;
        }
        try {
            return Instant.parse(String.valueOf(string(o, field)));
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 instant, e.g. 2026-12-01T09:00:00Z"));
            return null;
        }
    }
}
