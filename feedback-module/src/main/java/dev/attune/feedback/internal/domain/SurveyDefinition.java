package dev.attune.feedback.internal.domain;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Targeting.UrlGlob;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * A survey's definition, checked against its JSON Schema (shape) and then for what a schema cannot say: unique
 * question ids, options exactly on choice questions, branches that only go forward to questions that exist (so a
 * survey always ends). Also where and to whom it is shown.
 */
public record SurveyDefinition(
        JsonObject json,
        List<String> questionIds,
        Targeting targeting,
        String triggerType,
        int maxDisplays,
        int daysBetween) {

    private static final JsonSchema SCHEMA = loadSchema();
    private static final Set<String> CHOICE = Set.of("single_choice", "multiple_choice");
    private static final Set<String> NUMERIC = Set.of("nps", "csat", "rating", "thumbs");

    /** Where and to whom: a URL glob ({@code *} any characters; a leading / matches the path), devices, segment, share. */
    public record Targeting(UrlGlob url, Set<String> devices, String segment, int sharePercent) {
        public boolean matches(String pageUrl, String device) {
            if (url != null && !url.matches(pageUrl)) {
                return false;
            }
            return devices.isEmpty() || devices.contains(device == null ? "desktop" : device);
        }

        /** The same visitor is always in or out of a survey's share (stable across pages, restarts and instances). */
        public boolean inShare(UUID surveyId, String subjectId) {
            return sharePercent >= 100
                    || dev.attune.platform.api.Targeting.bucket(surveyId + ":" + subjectId, 100) < sharePercent;
        }
    }

    public static SurveyDefinition parse(String definitionJson) {
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage m : SCHEMA.validate(definitionJson, InputFormat.JSON)) {
            String at = m.getInstanceLocation() == null
                    ? ""
                    : m.getInstanceLocation()
                            .toString()
                            .replaceFirst("^\\$\\.?", "")
                            .replaceAll("\\[(\\d+)]", "/$1")
                            .replace('.', '/');
            errors.add(new FieldError(
                    at.isEmpty() ? "definition" : "definition/" + at,
                    m.getMessage().replaceFirst("^\\$[^:]*: ", "")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid survey definition", dedupe(errors));
        }
        JsonObject json = JSON.createReader(new StringReader(definitionJson)).readObject();
        List<String> ids = new ArrayList<>();
        var questions = json.getJsonArray("questions");
        for (int i = 0; i < questions.size(); i++) {
            JsonObject q = questions.getJsonObject(i);
            String id = q.getString("id");
            String at = "definition/questions/" + i;
            if (ids.contains(id)) {
                errors.add(new FieldError(at + "/id", "'" + id + "' is used by an earlier question"));
            }
            ids.add(id);
            String type = q.getString("type");
            if (CHOICE.contains(type) && !q.containsKey("options")) {
                errors.add(new FieldError(at + "/options", "is required for " + type + " (2 to 12 options)"));
            }
            if (!CHOICE.contains(type) && q.containsKey("options")) {
                errors.add(new FieldError(at + "/options", "only choice questions have options"));
            }
        }
        for (int i = 0; i < questions.size(); i++) {
            JsonObject q = questions.getJsonObject(i);
            String at = "definition/questions/" + i;
            String type = q.getString("type");
            List<String> later = ids.subList(i + 1, ids.size());
            if (q.containsKey("next") && !"end".equals(q.getString("next")) && !later.contains(q.getString("next"))) {
                errors.add(new FieldError(at + "/next", "must be 'end' or the id of a later question"));
            }
            var branches = q.getJsonArray("branches");
            for (int b = 0; branches != null && b < branches.size(); b++) {
                JsonObject branch = branches.getJsonObject(b);
                String bat = at + "/branches/" + b;
                String target = branch.getString("goto");
                if (!"end".equals(target) && !later.contains(target)) {
                    errors.add(new FieldError(
                            bat + "/goto", "must be 'end' or the id of a later question (branches go forward)"));
                }
                boolean numeric = branch.containsKey("min") || branch.containsKey("max");
                if (numeric && !NUMERIC.contains(type)) {
                    errors.add(new FieldError(bat, "min/max apply to nps, csat, rating and thumbs questions"));
                }
                if (branch.containsKey("choice")) {
                    if (!CHOICE.contains(type)) {
                        errors.add(new FieldError(bat + "/choice", "applies to choice questions"));
                    } else if (q.containsKey("options")
                            && !q.getJsonArray("options").getValuesAs(JsonString.class).stream()
                                    .map(JsonString::getString)
                                    .toList()
                                    .contains(branch.getString("choice"))) {
                        errors.add(new FieldError(bat + "/choice", "must be one of the question's options"));
                    }
                }
                if (!numeric && !branch.containsKey("choice")) {
                    errors.add(new FieldError(bat, "needs a condition: min and/or max, or choice"));
                }
            }
        }
        JsonObject t = json.containsKey("targeting") ? json.getJsonObject("targeting") : JsonValue.EMPTY_JSON_OBJECT;
        UrlGlob url = t.containsKey("urlPattern") ? UrlGlob.of(t.getString("urlPattern")) : null;
        Set<String> devices = new HashSet<>();
        if (t.containsKey("devices")) {
            t.getJsonArray("devices").getValuesAs(JsonString.class).forEach(d -> devices.add(d.getString()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid survey definition", errors);
        }
        JsonObject f = json.containsKey("frequency") ? json.getJsonObject("frequency") : JsonValue.EMPTY_JSON_OBJECT;
        return new SurveyDefinition(
                json,
                List.copyOf(ids),
                new Targeting(
                        url,
                        Set.copyOf(devices),
                        t.containsKey("segment") ? t.getString("segment") : null,
                        t.getInt("sharePercent", 100)),
                json.getJsonObject("trigger").getString("type"),
                f.getInt("maxDisplays", 1),
                f.getInt("daysBetween", 0));
    }

    /** What the widget needs to arm the survey's trigger (no questions yet: those come when it is due). */
    public JsonObject trigger() {
        return json.getJsonObject("trigger");
    }

    private static List<FieldError> dedupe(List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        return errors.stream()
                .filter(e -> seen.add(e.field() + "|" + e.message()))
                .toList();
    }

    private static JsonSchema loadSchema() {
        try (InputStream in =
                SurveyDefinition.class.getResourceAsStream("/dev/attune/feedback/survey-definition.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("survey-definition.schema.json is missing from the module");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-cased device class from the widget; anything else counts as desktop. */
    public static String device(String reported) {
        String d = reported == null ? "" : reported.toLowerCase(Locale.ROOT);
        return Set.of("mobile", "tablet").contains(d) ? d : "desktop";
    }
}
