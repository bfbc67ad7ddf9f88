package dev.attune.personalization.internal.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.platform.api.InvalidInputException;
import jakarta.json.Json;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SegmentRuleTest {
    private static final UUID SITE = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static SegmentRule rule(String json) {
        return SegmentRule.parse(Json.createReader(new StringReader(json)).readValue());
    }

    private static ProfileState state(Object[]... events) {
        ProfileState s = new ProfileState(SITE, "s", 14);
        for (Object[] e : events) {
            Instant at = NOW.minusSeconds(((Number) e[2]).longValue() * 60);
            UUID id = UUID.randomUUID();
            FeedbackReceived r = new FeedbackReceived(
                    id,
                    SITE,
                    (String) e[0],
                    "s",
                    (String) e[1],
                    e.length > 3 && e[3] instanceof Number n ? BigDecimal.valueOf(n.doubleValue()) : null,
                    null,
                    null,
                    null,
                    at,
                    at);
            String label = e.length > 3 && e[3] instanceof String l ? l : null;
            s.apply(
                    r,
                    new EventEnrichment(
                            SITE,
                            id,
                            "s",
                            (String) e[0],
                            at,
                            null,
                            null,
                            label,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            List.of()),
                    List.of());
        }
        return s;
    }

    private static boolean test(SegmentRule r, ProfileState s) {
        return r.test(new SegmentRule.Facts(s.toProfile(), s.recent(), NOW));
    }

    @Test
    void the_same_item_viewed_again_and_again_without_a_purchase() {
        SegmentRule hesitant = rule("""
                {"all":[{"events":{"type":"page_view","sameItem":true,"withinHours":24},"op":">","value":3},
                        {"events":{"type":"purchase","withinHours":24},"op":"=","value":0}]}""");
        Object[] view = {"page_view", "tent", 30};
        assertThat(test(hesitant, state(view, view, view, view))).isTrue();
        assertThat(test(hesitant, state(view, view, view, new Object[] {"page_view", "boots", 30})))
                .as("different items")
                .isFalse();
        assertThat(test(hesitant, state(view, view, view, view, new Object[] {"purchase", "tent", 10, 99})))
                .isFalse();
        Object[] old = {"page_view", "tent", 60 * 25};
        assertThat(test(hesitant, state(old, old, old, old)))
                .as("outside the window")
                .isFalse();
        assertThat(hesitant.windowed()).isTrue();
    }

    @Test
    void fields_interests_and_negation() {
        ProfileState s =
                state(new Object[] {"nps", null, 5, 3}, new Object[] {"text", null, 4, "negative"}, new Object[] {
                    "rating", "tent", 3, 5
                });
        assertThat(test(rule("{\"field\":\"npsClass\",\"op\":\"=\",\"value\":\"detractor\"}"), s))
                .isTrue();
        assertThat(test(
                        rule(
                                "{\"events\":{\"type\":\"text\",\"sentiment\":\"negative\",\"withinHours\":168},\"op\":\">=\",\"value\":1}"),
                        s))
                .isTrue();
        assertThat(test(rule("{\"interest\":{\"item\":\"tent\"},\"op\":\">\",\"value\":3}"), s))
                .as("a five-star rating scores 4")
                .isTrue();
        assertThat(test(rule("{\"not\":{\"field\":\"averageRating\",\"op\":\">=\",\"value\":4}}"), s))
                .isFalse();
        assertThat(test(
                        rule(
                                "{\"any\":[{\"field\":\"events\",\"op\":\">\",\"value\":10},{\"field\":\"latestNps\",\"op\":\"<=\",\"value\":6}]}"),
                        s))
                .isTrue();
    }

    @Test
    void a_bad_rule_names_each_problem() {
        assertThatThrownBy(() -> rule("""
                {"any":[{"field":"npsClass","op":">","value":"x"},{"events":{"withinHours":99999},"op":"=","value":"two"},{"nonsense":1}]}"""))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().stream().map(InvalidInputException.FieldError::field))
                                .contains("rule/any/0/op", "rule/any/1/value", "rule/any/2"));
    }
}
