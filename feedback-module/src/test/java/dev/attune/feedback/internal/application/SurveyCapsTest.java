package dev.attune.feedback.internal.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.feedback.internal.domain.SurveyDefinition;
import dev.attune.feedback.internal.persistence.JdbcSurveys.Display;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SurveyCapsTest {
    static final UUID SURVEY = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    static SurveyDefinition definition(String frequency) {
        return SurveyDefinition.parse("""
                {"questions":[{"id":"q1","type":"nps","text":"Recommend us?"}],"trigger":{"type":"exit_intent"}%s}""".formatted(frequency == null ? "" : ",\"frequency\":" + frequency));
    }

    @Test
    void showsOnceByDefault() {
        SurveyDefinition d = definition(null);
        assertThat(SurveyDelivery.allowed(SURVEY, d, List.of(), 0, NOW)).isTrue();
        assertThat(SurveyDelivery.allowed(
                        SURVEY, d, List.of(new Display(SURVEY, NOW.minus(Duration.ofDays(400)))), 0, NOW))
                .isFalse();
    }

    @Test
    void capsAndDaysBetween() {
        SurveyDefinition d = definition("{\"maxDisplays\":3,\"daysBetween\":7}");
        List<Display> once = List.of(new Display(SURVEY, NOW.minus(Duration.ofDays(3))));
        assertThat(SurveyDelivery.allowed(SURVEY, d, once, 0, NOW))
                .as("inside 7 days")
                .isFalse();
        List<Display> longAgo = List.of(new Display(SURVEY, NOW.minus(Duration.ofDays(8))));
        assertThat(SurveyDelivery.allowed(SURVEY, d, longAgo, 0, NOW)).isTrue();
        List<Display> thrice = List.of(
                new Display(SURVEY, NOW.minus(Duration.ofDays(30))),
                new Display(SURVEY, NOW.minus(Duration.ofDays(60))),
                new Display(SURVEY, NOW.minus(Duration.ofDays(90))));
        assertThat(SurveyDelivery.allowed(SURVEY, d, thrice, 0, NOW))
                .as("three shown")
                .isFalse();
    }

    @Test
    void siteCooldownHoldsBackEverySurveyAfterAnyOther() {
        SurveyDefinition d = definition(null);
        List<Display> other = List.of(new Display(OTHER, NOW.minus(Duration.ofHours(5))));
        assertThat(SurveyDelivery.allowed(SURVEY, d, other, 24, NOW)).isFalse();
        assertThat(SurveyDelivery.allowed(SURVEY, d, other, 4, NOW)).isTrue();
    }
}
