package dev.attune.feedback.internal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.platform.api.InvalidInputException.FieldError;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private final EventRules rules = new EventRules(Duration.ofMinutes(5), Duration.ofDays(30));

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @CsvSource({
        "RATING, 1, true",
        "RATING, 5, true",
        "RATING, 0, false",
        "RATING, 6, false",
        "RATING, 4.5, false",
        "RATING, 4.0, true",
        "NPS, 0, true",
        "NPS, 10, true",
        "NPS, 11, false",
        "CSAT, 0, false",
        "THUMBS, 1, true",
        "THUMBS, -1, true",
        "THUMBS, 0, false",
        "DWELL, 0, true",
        "DWELL, 86400, true",
        "DWELL, -1, false",
        "DWELL, 2.5, false",
        "SCROLL_DEPTH, 100, true",
        "SCROLL_DEPTH, 101, false",
        "PURCHASE, 19.99, true",
        "PURCHASE, 0, true",
        "PURCHASE, -5, false",
        "PURCHASE, 1.23456, false",
        "PURCHASE, 1000000000, false",
        "CUSTOM, -3.5, true",
        "ADD_TO_CART, 12.5, true"
    })
    void values_must_be_whole_and_in_range(EventType type, String value, boolean valid) {
        var errors = rules.violations(event(type, new BigDecimal(value), NOW), NOW);

        assertThat(errors.isEmpty()).as(errors.toString()).isEqualTo(valid);
    }

    @Test
    void signals_without_a_value_must_not_carry_one_and_amounts_may_be_absent() {
        assertThat(rules.violations(event(EventType.PAGE_VIEW, null, NOW), NOW)).isEmpty();
        assertThat(rules.violations(event(EventType.CLICK, BigDecimal.ONE, NOW), NOW))
                .extracting(FieldError::field)
                .containsExactly("value");
        assertThat(rules.violations(event(EventType.PURCHASE, null, NOW), NOW)).isEmpty();
        assertThat(rules.violations(
                        new NewFeedbackEvent(
                                UUID.randomUUID(), EventType.ADD_TO_CART, "s", null, null, null, NOW, "{}"),
                        NOW))
                .extracting(FieldError::field)
                .containsExactly("itemId");
    }

    @Test
    void ratings_need_an_item_and_text_needs_text() {
        assertThat(rules.violations(
                        new NewFeedbackEvent(
                                UUID.randomUUID(), EventType.RATING, "s", null, BigDecimal.ONE, null, NOW, "{}"),
                        NOW))
                .extracting(FieldError::field)
                .containsExactly("itemId");
        assertThat(rules.violations(
                        new NewFeedbackEvent(
                                UUID.randomUUID(), EventType.TEXT, "s", null, BigDecimal.ONE, " ", NOW, "{}"),
                        NOW))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("value", "text");
    }

    @Test
    void times_may_lead_by_the_allowed_skew_but_not_more_and_may_not_be_too_old() {
        assertThat(rules.violations(event(EventType.NPS, BigDecimal.TEN, NOW.plusSeconds(300)), NOW))
                .isEmpty();
        assertThat(rules.violations(event(EventType.NPS, BigDecimal.TEN, NOW.plusSeconds(301)), NOW))
                .extracting(FieldError::field)
                .containsExactly("occurredAt");
        assertThat(rules.violations(event(EventType.NPS, BigDecimal.TEN, NOW.minus(Duration.ofDays(31))), NOW))
                .extracting(FieldError::field)
                .containsExactly("occurredAt");
    }

    private static NewFeedbackEvent event(EventType type, BigDecimal value, Instant at) {
        return new NewFeedbackEvent(UUID.randomUUID(), type, "subject", "item", value, null, at, "{}");
    }
}
