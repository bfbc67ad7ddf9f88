package dev.attune.feedback.internal.rest;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Maps the wire format of one event onto {@link NewFeedbackEvent}, collecting a message for every bad field. */
public final class EventJsonReader {
    static final Set<String> FIELDS = Set.of("id", "type", "subjectId", "itemId", "value", "text", "occurredAt", "properties");

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
        json.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted()
                .forEach(k -> errors.add(new FieldError(k, "is not a known field; known: " + String.join(", ", FIELDS.stream().sorted().toList()))));
        UUID id = uuid("id");
        EventType type = type();
        String subject = string("subjectId", true, EventRules.MAX_ID_LENGTH);
        String item = string("itemId", false, EventRules.MAX_ID_LENGTH);
        BigDecimal value = number("value");
        String text = string("text", false, EventRules.MAX_TEXT_LENGTH);
        Instant occurredAt = instant("occurredAt");
        String properties = properties();
        NewFeedbackEvent event = new NewFeedbackEvent(id == null ? UUID.randomUUID() : id, type, subject, item, value,
                text, occurredAt == null ? now : occurredAt, properties);
        if (type != null) {
            Set<String> reported = errors.stream().map(FieldError::field).collect(Collectors.toSet());
            rules.violations(event, now).stream().filter(v -> !reported.contains(v.field())).forEach(errors::add);
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
            errors.add(new FieldError("type", "must be one of " + Arrays.stream(EventType.values())
                    .map(EventType::wireName).collect(Collectors.joining(", "))));
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
