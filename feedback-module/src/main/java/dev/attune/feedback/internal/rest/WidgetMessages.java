package dev.attune.feedback.internal.rest;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.internal.application.EventSchemaRegistry;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** The widget's messages, read the same way on its socket and on the HTTP fallback. */
public final class WidgetMessages {
    private WidgetMessages() {}

    /** A message's events: the valid ones, and per position null (valid) or that event's errors. */
    /** The valid events in order; {@code rejected} has one entry per event sent, null where the event is valid. */
    public record Events(List<NewFeedbackEvent> valid, List<List<FieldError>> rejected) {
        /** The same events with those whose subject {@code allowed} refuses moved to the rejected, with {@code why}. */
        public Events onlyFor(Predicate<String> allowed, FieldError why) {
            List<NewFeedbackEvent> kept = new ArrayList<>();
            List<List<FieldError>> errors = new ArrayList<>(rejected);
            int next = 0;
            for (int i = 0; i < errors.size(); i++) {
                if (errors.get(i) == null) {
                    NewFeedbackEvent event = valid.get(next++);
                    if (allowed.test(event.subjectId())) {
                        kept.add(event);
                    } else {
                        errors.set(i, List.of(why));
                    }
                }
            }
            return new Events(kept, errors);
        }
    }

    /** Each event checked on its own; a missing, empty or too long array is refused as a whole. */
    public static Events readEvents(
            JsonValue raw, int max, EventRules rules, EventSchemaRegistry schemas, UUID siteId, Instant now) {
        if (!(raw instanceof JsonArray array) || array.isEmpty() || array.size() > max) {
            throw InvalidInputException.of("events", "must be an array of 1 to " + max + " events");
        }
        List<NewFeedbackEvent> valid = new ArrayList<>();
        List<List<FieldError>> rejected = new ArrayList<>();
        for (JsonValue value : array) {
            try {
                if (!(value instanceof JsonObject object)) {
                    throw InvalidInputException.of("(event)", "must be a JSON object");
                }
                NewFeedbackEvent event = EventJsonReader.read(object, rules, now);
                schemas.check(siteId, event);
                valid.add(event);
                rejected.add(null);
            } catch (InvalidInputException e) {
                rejected.add(e.errors());
            }
        }
        return new Events(valid, rejected);
    }

    /**
     * Records a consent message ({@code subjectId}, {@code purposes}, {@code policyVersion}); a browser's privacy
     * signal (GPC, DNT) withdraws personalization and marketing whatever was chosen.
     */
    public static ConsentState recordConsent(
            ConsentService consent, UUID siteId, JsonObject message, boolean privacySignal) {
        String subject = ConsentJson.optionalString(message, "subjectId", EventRules.MAX_ID_LENGTH);
        if (subject == null) {
            throw InvalidInputException.of("subjectId", "is required");
        }
        Map<Purpose, Boolean> choices = new EnumMap<>(ConsentJson.choices(message.get("purposes")));
        if (privacySignal) {
            choices.put(Purpose.PERSONALIZATION, false);
            choices.put(Purpose.MARKETING, false);
        }
        return consent.record(
                siteId,
                subject,
                choices,
                ConsentJson.optionalString(message, "policyVersion", 50),
                privacySignal ? "widget+gpc" : "widget");
    }

    /** A browser sending GPC or DNT has withdrawn personalization and marketing for each subject it speaks for. */
    public static void withdrawForPrivacySignal(
            ConsentService consent, UUID siteId, List<NewFeedbackEvent> events, Set<String> done) {
        for (NewFeedbackEvent e : events) {
            if (done.add(e.subjectId())) {
                consent.record(
                        siteId,
                        e.subjectId(),
                        Map.of(Purpose.PERSONALIZATION, false, Purpose.MARKETING, false),
                        null,
                        "gpc");
            }
        }
    }
}
