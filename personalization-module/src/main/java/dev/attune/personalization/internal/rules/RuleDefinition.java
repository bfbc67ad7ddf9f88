package dev.attune.personalization.internal.rules;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.EventType;
import dev.attune.personalization.api.RuleService;
import dev.attune.personalization.internal.profiles.SegmentRule;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A rule's definition, parsed and checked against its site (segments, surveys and webhooks it names must exist): the
 * condition, the triggers it is evaluated on, the action and the per-person cap. The JSON language is documented on
 * {@link RuleService}.
 */
record RuleDefinition(SegmentRule when, Set<String> on, Action action, Cap cap) {
    static final String VISIT = "visit";
    static final Pattern SLOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,59}");

    /** What the site has that a definition may name. */
    interface Site {
        Set<String> segmentKeys();

        /** The survey's name, or null when the site has no such survey. */
        String surveyName(UUID surveyId);

        /** The webhook's URL, or null when the site has no such active webhook. */
        String webhookUrl(UUID webhookId);
    }

    sealed interface Action {
        /** message, slot, survey or webhook. */
        String type();
    }

    record Message(Template title, Template text, String linkUrl, String linkLabel) implements Action {
        public String type() {
            return "message";
        }
    }

    record Slot(String slot, String strategy, Template title) implements Action {
        public String type() {
            return "slot";
        }
    }

    record Survey(UUID survey) implements Action {
        public String type() {
            return "survey";
        }
    }

    record Webhook(UUID webhook) implements Action {
        public String type() {
            return "webhook";
        }
    }

    /** At most {@code times} firings per person within {@code perHours} (0 times: no cap; 0 hours: ever). */
    record Cap(int times, int perHours) {
        boolean none() {
            return times == 0;
        }
    }

    /** Whether an evaluation on this trigger (an event type, or {@value #VISIT}) concerns the rule. */
    boolean triggeredBy(String trigger) {
        return on.isEmpty() || on.contains(trigger);
    }

    static RuleDefinition parse(String json, Site site) {
        List<FieldError> errors = new ArrayList<>();
        JsonObject o;
        try {
            JsonValue v = JSON.createReader(new StringReader(json == null ? "" : json))
                    .readValue();
            if (!(v instanceof JsonObject obj)) {
                throw InvalidInputException.of(
                        "definition", "must be a JSON object with when, action and optionally on and cap");
            }
            o = obj;
        } catch (JsonException e) {
            throw InvalidInputException.of("definition", "is not valid JSON: " + e.getMessage());
        }
        for (String k : o.keySet()) {
            if (!Set.of("when", "on", "action", "cap").contains(k)) {
                errors.add(new FieldError("definition/" + k, "is not part of a rule: when, on, action, cap"));
            }
        }
        SegmentRule when = null;
        if (!o.containsKey("when")) {
            errors.add(
                    new FieldError("definition/when", "is required: the condition, e.g. {\"segment\":\"detractors\"}"));
        } else {
            when = SegmentRule.parseCondition(o.get("when"), "definition/when", errors, site.segmentKeys());
        }
        Set<String> on = new TreeSet<>();
        if (o.containsKey("on")) {
            if (!(o.get("on") instanceof JsonArray a) || a.isEmpty()) {
                errors.add(new FieldError("definition/on", "must be a non-empty list of \"visit\" and event types"));
            } else {
                for (int i = 0; i < a.size(); i++) {
                    String t = a.get(i) instanceof JsonString s ? s.getString() : null;
                    if (t == null || (!t.equals(VISIT) && EventType.fromWire(t).isEmpty())) {
                        errors.add(new FieldError("definition/on/" + i, "must be \"visit\" or an event type"));
                    } else {
                        on.add(t);
                    }
                }
            }
        }
        Action action = null;
        if (!(o.get("action") instanceof JsonObject a)) {
            errors.add(new FieldError(
                    "definition/action", "is required: an object with type message, slot, survey or webhook"));
        } else {
            action = action(a, site, errors);
        }
        Cap cap = new Cap(action instanceof Slot ? 0 : 1, 24);
        if (o.containsKey("cap")) {
            if (!(o.get("cap") instanceof JsonObject c)) {
                errors.add(new FieldError("definition/cap", "must be {\"times\":N, \"perHours\":H}"));
            } else {
                int times = integer(c, "times", 0, 1000, 1, "definition/cap/times", errors);
                int hours = integer(c, "perHours", 0, 24 * 365, 0, "definition/cap/perHours", errors);
                cap = new Cap(times, hours);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid rule", errors);
        }
        return new RuleDefinition(when, Set.copyOf(on), action, cap);
    }

    private static Action action(JsonObject a, Site site, List<FieldError> errors) {
        String type = a.get("type") instanceof JsonString s ? s.getString() : "";
        String at = "definition/action/";
        switch (type) {
            case "message" -> {
                String title = text(a, "title", 0, 120, at, errors);
                String template = text(a, "template", 1, 1000, at, errors);
                Template t = template == null ? null : Template.parse(template, at + "template", errors);
                Template tt = title == null ? null : Template.parse(title, at + "title", errors);
                String url = null;
                String label = null;
                if (a.containsKey("link")) {
                    if (!(a.get("link") instanceof JsonObject link)) {
                        errors.add(new FieldError(at + "link", "must be {\"url\":\"https://…\", \"label\":\"…\"}"));
                    } else {
                        url = text(link, "url", 1, 2000, at + "link/", errors);
                        if (url != null && !url.matches("(https?://|/)\\S*")) {
                            errors.add(new FieldError(
                                    at + "link/url", "must be an http(s) URL or a path starting with /"));
                        }
                        label = text(link, "label", 1, 60, at + "link/", errors);
                    }
                }
                return new Message(tt, t, url, label);
            }
            case "slot" -> {
                String slot = text(a, "slot", 1, 60, at, errors);
                if (slot != null && !SLOT.matcher(slot).matches()) {
                    errors.add(new FieldError(at + "slot", "must be a slot name: letters, digits, _ and -"));
                }
                String strategy = text(a, "strategy", 1, 60, at, errors);
                if (strategy != null && !RuleService.SLOT_STRATEGIES.contains(strategy)) {
                    errors.add(new FieldError(
                            at + "strategy", "must be one of " + String.join(", ", RuleService.SLOT_STRATEGIES)));
                }
                String title = text(a, "title", 0, 120, at, errors);
                return new Slot(slot, strategy, title == null ? null : Template.parse(title, at + "title", errors));
            }
            case "survey" -> {
                UUID id = uuid(a, "survey", at, errors);
                if (id != null && site.surveyName(id) == null) {
                    errors.add(new FieldError(at + "survey", "is not a survey of this site"));
                }
                return new Survey(id);
            }
            case "webhook" -> {
                UUID id = uuid(a, "webhook", at, errors);
                if (id != null && site.webhookUrl(id) == null) {
                    errors.add(new FieldError(at + "webhook", "is not an active webhook of this site"));
                }
                return new Webhook(id);
            }
            default -> {
                errors.add(new FieldError(at + "type", "must be message, slot, survey or webhook"));
                return null;
            }
        }
    }

    private static String text(JsonObject o, String name, int min, int max, String at, List<FieldError> errors) {
        if (!o.containsKey(name) || o.isNull(name)) {
            if (min > 0) {
                errors.add(new FieldError(at + name, "is required"));
            }
            return null;
        }
        if (!(o.get(name) instanceof JsonString s)
                || s.getString().strip().length() < Math.max(min, 1)
                || s.getString().length() > max) {
            errors.add(new FieldError(at + name, "must be text of " + Math.max(min, 1) + " to " + max + " characters"));
            return null;
        }
        return s.getString().strip();
    }

    private static UUID uuid(JsonObject o, String name, String at, List<FieldError> errors) {
        try {
            return UUID.fromString(o.getString(name));
        } catch (RuntimeException e) {
            errors.add(new FieldError(at + name, "must be the id of a " + name));
            return null;
        }
    }

    private static int integer(
            JsonObject o, String name, int min, int max, int absent, String at, List<FieldError> errors) {
        if (!o.containsKey(name)) {
            return absent;
        }
        if (!(o.get(name) instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < min || n.longValue() > max) {
            errors.add(new FieldError(at, "must be a whole number from " + min + " to " + max));
            return absent;
        }
        return n.intValue();
    }
}
