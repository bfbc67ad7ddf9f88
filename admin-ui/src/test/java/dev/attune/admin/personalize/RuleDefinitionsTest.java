package dev.attune.admin.personalize;

import static dev.attune.admin.personalize.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.personalization.api.RuleService;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleDefinitionsTest {

    @Test
    void what_a_rule_does_in_short() {
        assertThat(RuleDefinitions.actionOf(
                        rule(true, "{\"action\":{\"type\":\"slot\",\"slot\":\"home\",\"strategy\":\"trending\"}}")))
                .isEqualTo("slot home → trending");
        assertThat(RuleDefinitions.actionOf(rule(true, "{\"action\":{\"type\":\"webhook\",\"webhook\":\"x\"}}")))
                .isEqualTo("webhook");
    }

    @Test
    void hits_by_day_as_stacked_bars() {
        JsonObject chart = RuleDefinitions.hitsChart(List.of(
                new RuleService.Day(LocalDate.of(2026, 3, 1), 4, 1),
                new RuleService.Day(LocalDate.of(2026, 3, 2), 0, 2)));

        assertThat(chart.getJsonObject("xAxis").getJsonArray("data").toString()).isEqualTo("[\"03-01\",\"03-02\"]");
        assertThat(chart.getJsonArray("series")
                        .getJsonObject(1)
                        .getJsonArray("data")
                        .toString())
                .isEqualTo("[1,2]");
    }
}
