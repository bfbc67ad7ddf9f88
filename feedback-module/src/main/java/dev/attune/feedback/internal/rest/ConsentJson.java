package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.ConsentEntry;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.Purpose;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The wire format of consent, shared by the REST API and the widget's socket. */
public final class ConsentJson {
    private ConsentJson() {}

    /** {@code {"analytics":true,"marketing":false}} → choices, naming every bad entry. */
    public static Map<Purpose, Boolean> choices(JsonValue raw) {
        if (raw == null || raw.getValueType() != JsonValue.ValueType.OBJECT) {
            throw InvalidInputException.of(
                    "purposes", "must be an object like {\"analytics\":true,\"marketing\":false}");
        }
        Map<Purpose, Boolean> choices = new EnumMap<>(Purpose.class);
        List<FieldError> errors = new ArrayList<>();
        raw.asJsonObject().forEach((name, value) -> {
            var purpose = Purpose.fromWire(name);
            if (purpose.isEmpty()) {
                errors.add(new FieldError(
                        "purposes/" + name,
                        "is not a purpose; known: necessary, analytics, " + "personalization, experiments, marketing"));
            } else if (value.getValueType() != JsonValue.ValueType.TRUE
                    && value.getValueType() != JsonValue.ValueType.FALSE) {
                errors.add(new FieldError("purposes/" + name, "must be true or false"));
            } else {
                choices.put(purpose.get(), value.getValueType() == JsonValue.ValueType.TRUE);
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid consent", errors);
        }
        return choices;
    }

    public static String optionalString(JsonObject json, String field, int maxLength) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING
                || ((JsonString) v).getString().length() > maxLength) {
            throw InvalidInputException.of(field, "must be a string of at most " + maxLength + " characters");
        }
        return ((JsonString) v).getString();
    }

    public static JsonObjectBuilder state(ConsentState state) {
        JsonObjectBuilder purposes = JSON.createObjectBuilder();
        state.granted().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> purposes.add(e.getKey().wireName(), e.getValue()));
        JsonObjectBuilder chosen = JSON.createObjectBuilder();
        state.chosen().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> chosen.add(e.getKey().wireName(), e.getValue()));
        return JSON.createObjectBuilder()
                .add("subjectId", state.subjectId())
                .add("purposes", purposes)
                .add("chosen", chosen);
    }

    public static JsonArrayBuilder history(List<ConsentEntry> entries) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (ConsentEntry e : entries) {
            JsonObjectBuilder o = JSON.createObjectBuilder()
                    .add("purpose", e.purpose().wireName())
                    .add("granted", e.granted())
                    .add("source", e.source())
                    .add("recordedAt", e.recordedAt().toString());
            if (e.policyVersion() != null) {
                o.add("policyVersion", e.policyVersion());
            }
            list.add(o);
        }
        return list;
    }
}
