package dev.attune.feedback.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final EventRules RULES = new EventRules(Duration.ofMinutes(5), Duration.ofDays(30));

    @Test
    void reads_a_complete_rating() {
        NewFeedbackEvent e = read("""
                {"id":"3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b","type":"Rating","subjectId":"v1","itemId":"m42",
                 "value":4,"occurredAt":"2026-11-22T11:59:00+01:00","properties":{"page":"/m/42"}}""");

        assertThat(e.eventId().toString()).isEqualTo("3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b");
        assertThat(e.type()).isEqualTo(EventType.RATING);
        assertThat(e.value()).isEqualByComparingTo(BigDecimal.valueOf(4));
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-11-22T10:59:00Z"));
        assertThat(e.propertiesJson()).isEqualTo("{\"page\":\"/m/42\"}");
    }

    @Test
    void an_event_without_id_or_time_gets_a_fresh_id_and_now() {
        NewFeedbackEvent e = read("{\"type\":\"nps\",\"subjectId\":\"v1\",\"value\":9}");

        assertThat(e.eventId()).isNotNull();
        assertThat(e.occurredAt()).isEqualTo(NOW);
        assertThat(e.propertiesJson()).isEqualTo("{}");
    }

    @Test
    void every_bad_field_is_reported_at_once() {
        assertThat(errors("""
                {"id":"not-a-uuid","type":"rating","subjectId":7,"itemId":"","value":"4","occurredAt":"yesterday",
                 "properties":[1],"extra":true}"""))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("extra", "id", "subjectId", "itemId", "value", "occurredAt", "properties");
    }

    @Test
    void rule_violations_are_reported_with_shape_errors() {
        assertThat(
                        errors(
                                "{\"type\":\"csat\",\"subjectId\":\"v\",\"value\":0,\"colour\":1,\"occurredAt\":\"2026-11-23T12:00:00Z\"}"))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("colour", "value", "occurredAt");
    }

    @Test
    void context_is_checked_and_normalised() {
        NewFeedbackEvent e = read("""
                {"type":"page_view","subjectId":"v","context":{"url":"https://shop.example.com/p/1","locale":"de-CH",
                 "timeZone":"Europe/Zurich","screen":{"width":390,"height":844},"userAgent":"Mozilla/5.0","sessionId":"s1"}}""");

        assertThat(e.type()).isEqualTo(EventType.PAGE_VIEW);
        assertThat(parse(e.contextJson()))
                .containsOnlyKeys("url", "locale", "timeZone", "screen", "userAgent", "sessionId");
        assertThat(parse(e.contextJson()).getJsonObject("screen").getInt("width"))
                .isEqualTo(390);
    }

    @Test
    void every_bad_context_field_is_named() {
        assertThat(errors("""
                {"type":"click","subjectId":"v","context":{"url":"javascript:alert(1)","timeZone":"Mars/Base",
                 "locale":"not a locale","screen":{"width":-1,"height":10},"colour":"red","referrer":""}}"""))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "context/url",
                        "context/timeZone",
                        "context/locale",
                        "context/screen",
                        "context/colour",
                        "context/referrer");
    }

    @Test
    void custom_events_need_a_name() {
        assertThat(errors("{\"type\":\"custom\",\"subjectId\":\"v\",\"properties\":{\"x\":1}}"))
                .extracting(FieldError::field)
                .containsExactly("properties/name");
        assertThat(
                        read("{\"type\":\"custom\",\"subjectId\":\"v\",\"value\":-2,\"properties\":{\"name\":\"video_play\"}}")
                                .value())
                .isEqualByComparingTo("-2");
    }

    @Test
    void unknown_types_list_the_known_ones() {
        assertThat(errors("{\"type\":\"stars\",\"subjectId\":\"v\"}"))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("rating", "thumbs", "nps", "csat", "text"));
    }

    @Test
    void nul_characters_are_refused_everywhere() {
        assertThat(
                        errors(
                                "{\"type\":\"text\",\"subjectId\":\"v\",\"text\":\"a\\u0000b\",\"properties\":{\"k\":\"\\u0000\"}}"))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("text", "properties");
    }

    private static NewFeedbackEvent read(String json) {
        return EventJsonReader.read(parse(json), RULES, NOW);
    }

    private static List<FieldError> errors(String json) {
        return catchErrors(() -> read(json));
    }

    private static List<FieldError> catchErrors(Runnable r) {
        try {
            r.run();
        } catch (InvalidInputException e) {
            return e.errors();
        }
        throw new AssertionError("expected InvalidInputException");
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void a_body_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> RequestBodies.readObject(new ByteArrayInputStream("[1]".getBytes()), 100))
                .isInstanceOf(InvalidInputException.class);
    }
}
