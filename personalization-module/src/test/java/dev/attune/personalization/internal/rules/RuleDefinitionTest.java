package dev.attune.personalization.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.RuleService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuleDefinitionTest {
    private static final UUID SURVEY = UUID.randomUUID();
    private static final UUID HOOK = UUID.randomUUID();
    private static final RuleDefinition.Site SITE = new RuleDefinition.Site() {
        public Set<String> segmentKeys() {
            return Set.of("detractors", "fans");
        }

        public String surveyName(UUID id) {
            return id.equals(SURVEY) ? "Why so sad?" : null;
        }

        public String webhookUrl(UUID id) {
            return id.equals(HOOK) ? "https://crm.example/hook" : null;
        }
    };

    private static List<FieldError> errors(String json) {
        try {
            RuleDefinition.parse(json, SITE);
            return List.of();
        } catch (InvalidInputException e) {
            return e.errors();
        }
    }

    @Test
    void a_message_rule_parses_with_its_defaults() {
        RuleDefinition d = RuleDefinition.parse("""
                {"when":{"all":[{"segment":"detractors"},{"field":"sentiment","op":"<","value":0}]},
                 "action":{"type":"message","title":"Sorry","template":"We hear you, {{topAttribute|friend}} fan."}}""", SITE);
        assertThat(d.action()).isInstanceOf(RuleDefinition.Message.class);
        assertThat(d.cap()).isEqualTo(new RuleDefinition.Cap(1, 24));
        assertThat(d.triggeredBy("rating")).isTrue();
        assertThat(d.triggeredBy("visit")).isTrue();
        RuleDefinition slot = RuleDefinition.parse("""
                {"when":{"segment":"fans"},"on":["visit"],"action":{"type":"slot","slot":"home","strategy":"top_rated_in_top_attribute"}}""", SITE);
        assertThat(slot.cap().none())
                .as("slot rules apply every time unless capped")
                .isTrue();
        assertThat(slot.triggeredBy("rating")).isFalse();
    }

    @Test
    void every_mistake_is_named_by_its_field() {
        assertThat(errors("""
                {"when":{"segment":"nobody"},"on":["visit","teleport"],"action":{"type":"message","template":"Hi {{firstName}}!"},
                 "cap":{"times":-1},"extra":1}"""))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "definition/extra",
                        "definition/when/segment",
                        "definition/on/1",
                        "definition/action/template",
                        "definition/cap/times");
        assertThat(errors("""
                {"when":{"field":"averageRating","op":"<","value":3},"action":{"type":"message","template":"Hi {{firstName}}!"}}"""))
                .singleElement()
                .satisfies(
                        e -> assertThat(e.message()).startsWith("unknown placeholder {{firstName}}; known: subject,"));
        assertThat(errors("""
                {"when":{"field":"nope","op":"<","value":3},"action":{"type":"survey","survey":"%s"}}""".formatted(UUID.randomUUID())))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("definition/when/field", "definition/action/survey");
        assertThat(errors("""
                {"when":{"segment":"fans"},"action":{"type":"slot","slot":"home page","strategy":"magic"}}"""))
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder("definition/action/slot", "definition/action/strategy");
        assertThat(errors("""
                {"when":{"segment":"fans"},"action":{"type":"webhook","webhook":"%s"}}""".formatted(UUID.randomUUID())))
                .extracting(FieldError::field)
                .containsExactly("definition/action/webhook");
        assertThat(errors("""
                {"when":{"segment":"fans"},"action":{"type":"message","template":"Hi {{topItem"}}""")).extracting(FieldError::field).containsExactly("definition/action/template");
        assertThat(errors("not json")).extracting(FieldError::field).containsExactly("definition");
        assertThat(errors("""
                {"when":{"segment":"fans"},"action":{"type":"webhook","webhook":"%s"},"cap":{"times":3,"perHours":0}}""".formatted(HOOK))).isEmpty();
    }

    @Test
    void templates_fill_placeholders_and_fall_back_when_a_value_is_missing() {
        List<FieldError> errors = new ArrayList<>();
        Template t = Template.parse(
                "Hi {{ subject }}, more {{topAttribute|great films}} for you ({{averageRating}}★)", "t", errors);
        assertThat(errors).isEmpty();
        assertThat(t.names()).containsExactly("subject", "topAttribute", "averageRating");
        Map<String, String> values = new HashMap<>();
        values.put("subject", "ann");
        values.put("averageRating", "4.5");
        assertThat(t.render(values)).isEqualTo("Hi ann, more great films for you (4.5★)");
        values.put("topAttribute", "Film-Noir");
        assertThat(t.render(values)).isEqualTo("Hi ann, more Film-Noir for you (4.5★)");
    }

    @Test
    void the_placeholders_listed_in_the_api_are_the_ones_a_profile_fills() {
        var profile = new Profile(
                UUID.randomUUID(),
                "ann",
                3,
                Instant.now(),
                Instant.now(),
                Instant.now(),
                List.of(),
                List.of(),
                4.0,
                1,
                10,
                "promoter",
                null,
                null,
                null,
                null,
                null,
                0,
                2.0,
                Map.of("mobile", 3L),
                Map.of());
        assertThat(DefaultRuleService.placeholders(profile).keySet())
                .containsExactlyElementsOf(RuleService.PLACEHOLDERS);
    }
}
