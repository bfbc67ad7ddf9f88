package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Maps the wire format of one event onto {@link NewFeedbackEvent}, collecting a message for every bad field. */
public final class EventJsonReader {
    static final Set<String> FIELDS =
            Set.of("id", "type", "subjectId", "itemId", "value", "text", "occurredAt", "properties", "context");
    static final Set<String> CONTEXT_FIELDS =
            Set.of("url", "referrer", "userAgent", "locale", "timeZone", "screen", "sessionId", "userId", "device");
    private static final Set<String> DEVICES = Set.of("desktop", "mobile", "tablet");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

    private final List<FieldError> errors = new ArrayList<>();
    private final JsonObject json;
    private final EventRules rules;

    private EventJsonReader(JsonObject json, EventRules rules) {
        this.json = json;
        this.rules = rules;
    }

    /** The event, or an exception naming every bad field: shape errors and rule violations together. */
    public static NewFeedbackEvent read(JsonObject json, EventRules rules, Instant now) {
        return new EventJsonReader(json, rules).read(now);
    }

    private NewFeedbackEvent read(Instant now) {
        json.keySet().stream()
                .filter(k -> !FIELDS.contains(k))
                .sorted()
                .forEach(k -> errors.add(new FieldError(
                        k,
                        "is not a known field; known: "
                                + String.join(", ", FIELDS.stream().sorted().toList()))));
        UUID id = uuid("id");
        EventType type = type();
        String subject = string("subjectId", true, EventRules.MAX_ID_LENGTH);
        String item = string("itemId", false, EventRules.MAX_ID_LENGTH);
        BigDecimal value = number("value");
        String text = string("text", false, EventRules.MAX_TEXT_LENGTH);
        Instant occurredAt = instant("occurredAt");
        String properties = properties();
        if (type == EventType.CUSTOM && properties != null && !hasName(json.getJsonObject("properties"))) {
            errors.add(
                    new FieldError("properties/name", "is required for type custom: a string of 1 to 100 characters"));
        }
        String context = context();
        NewFeedbackEvent event = new NewFeedbackEvent(
                id == null ? UUID.randomUUID() : id,
                type,
                subject,
                item,
                value,
                text,
                occurredAt == null ? now : occurredAt,
                properties,
                context);
        if (type != null) {
            Set<String> reported = errors.stream().map(FieldError::field).collect(Collectors.toSet());
            rules.violations(event, now).stream()
                    .filter(v -> !reported.contains(v.field()))
                    .forEach(errors::add);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid event", errors);
        }
        return event;
    }

    private EventType type() {
        String name = string("type", true, 40);
        if (name == null) {
            return null;
        }
        return EventType.fromWire(name).orElseGet(() -> {
            errors.add(new FieldError(
                    "type",
                    "must be one of "
                            + Arrays.stream(EventType.values())
                                    .map(EventType::wireName)
                                    .collect(Collectors.joining(", "))));
            return null;
        });
    }

    private String string(String field, boolean required, int maxLength) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!(v instanceof JsonString s)) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = s.getString();
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (value.chars().anyMatch(ch -> ch == 0)) {
            errors.add(new FieldError(field, "must not contain NUL characters"));
            return null;
        }
        return value;
    }

    private BigDecimal number(String field) {
        JsonValue v = json.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n) {
            return n.bigDecimalValue();
        }
        errors.add(new FieldError(field, "must be a number"));
        return null;
    }

    private UUID uuid(String field) {
        String s = string(field, false, 36);
        if (s == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(s);
            if (!id.toString().equalsIgnoreCase(s)) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a UUID like 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b"));
            return null;
        }
    }

    private Instant instant(String field) {
        String s = string(field, false, 40);
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 time with offset, like 2026-11-22T10:15:30Z"));
            return null;
        }
    }

    private static boolean hasName(JsonObject properties) {
        return properties != null
                && properties.get("name") instanceof JsonString s
                && !s.getString().isBlank()
                && s.getString().length() <= 100;
    }

    /** The context, checked field by field and written back in a normal form. */
    private String context() {
        JsonValue v = json.get("context");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "{}";
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new FieldError("context", "must be a JSON object"));
            return "{}";
        }
        JsonObject c = v.asJsonObject();
        JsonObjectBuilder out = JSON.createObjectBuilder();
        c.keySet().stream()
                .filter(k -> !CONTEXT_FIELDS.contains(k))
                .sorted()
                .forEach(k -> errors.add(new FieldError(
                        "context/" + k,
                        "is not a known context field; known: "
                                + String.join(
                                        ", ", CONTEXT_FIELDS.stream().sorted().toList()))));
        for (String urlField : List.of("url", "referrer")) {
            String url = contextString(c, urlField, 2048);
            if (url != null) {
                if (isWebUrl(url)) {
                    out.add(urlField, url);
                } else {
                    errors.add(new FieldError("context/" + urlField, "must be an absolute http(s) URL"));
                }
            }
        }
        String agent = contextString(c, "userAgent", 512);
        if (agent != null) {
            out.add("userAgent", agent);
        }
        String locale = contextString(c, "locale", 35);
        if (locale != null) {
            if (LOCALE.matcher(locale).matches()) {
                out.add("locale", locale);
            } else {
                errors.add(new FieldError("context/locale", "must be a language tag like en-US"));
            }
        }
        String zone = contextString(c, "timeZone", 64);
        if (zone != null) {
            try {
                out.add("timeZone", ZoneId.of(zone).getId());
            } catch (DateTimeException e) {
                errors.add(new FieldError("context/timeZone", "must be an IANA time zone like Europe/Berlin"));
            }
        }
        String session = contextString(c, "sessionId", EventRules.MAX_ID_LENGTH);
        if (session != null) {
            out.add("sessionId", session);
        }
        String user = contextString(c, "userId", EventRules.MAX_ID_LENGTH);
        if (user != null) {
            out.add("userId", user);
        }
        String device = contextString(c, "device", 20);
        if (device != null) {
            if (DEVICES.contains(device)) {
                out.add("device", device);
            } else {
                errors.add(new FieldError("context/device", "must be desktop, mobile or tablet"));
            }
        }
        JsonValue screen = c.get("screen");
        if (screen != null && screen.getValueType() != JsonValue.ValueType.NULL) {
            if (screen instanceof JsonObject s
                    && s.get("width") instanceof JsonNumber w
                    && s.get("height") instanceof JsonNumber h
                    && w.isIntegral()
                    && h.isIntegral()
                    && w.intValue() > 0
                    && h.intValue() > 0
                    && w.intValue() <= 100_000
                    && h.intValue() <= 100_000
                    && s.size() == 2) {
                out.add(
                        "screen",
                        JSON.createObjectBuilder().add("width", w.intValue()).add("height", h.intValue()));
            } else {
                errors.add(new FieldError("context/screen", "must be {\"width\":…,\"height\":…} in whole pixels"));
            }
        }
        return out.build().toString();
    }

    private String contextString(JsonObject c, String field, int maxLength) {
        JsonValue v = c.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)
                || s.getString().isBlank()
                || s.getString().length() > maxLength
                || s.getString().chars().anyMatch(ch -> ch == 0)) {
            errors.add(new FieldError(
                    "context/" + field, "must be a non-empty string of at most " + maxLength + " characters"));
            return null;
        }
        return s.getString();
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private String properties() {
        JsonValue v = json.get("properties");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "{}";
        }
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            errors.add(new FieldError("properties", "must be a JSON object"));
            return null;
        }
        String text = v.toString();
        if (text.contains("\\u0000")) {
            errors.add(new FieldError("properties", "must not contain NUL characters"));
            return null;
        }
        return text;
    }
}
