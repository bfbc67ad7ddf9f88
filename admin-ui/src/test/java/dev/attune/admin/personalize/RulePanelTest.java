package dev.attune.admin.personalize;

import static dev.attune.admin.personalize.RuleFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulePanelTest {
    private static final String MESSAGE =
            "{\"when\":{\"segment\":\"fans\"},\"action\":{\"type\":\"message\",\"template\":\"Hi\"}}";

    @Test
    void shows_the_rule_its_definition_and_its_firings() {
        RulePanel panel = new RulePanel(true);
        Rule r = rule(true, MESSAGE);

        panel.show(
                r,
                List.of(new RuleService.Day(LocalDate.of(2026, 3, 1), 4, 1)),
                List.of(new RuleService.Firing("anon-1", "message", "Hi", RuleFixtures.T)));

        assertThat(TestVaadin.find(panel, "rule-title", H3.class).getText()).isEqualTo("Fill home");
        assertThat(TestVaadin.find(panel, "rule-definition", Pre.class).getText())
                .contains("\"segment\": \"fans\"");
        assertThat(TestVaadin.find(panel, "rule-toggle", Button.class).getText())
                .isEqualTo("Pause");
        assertThat(TestVaadin.text(panel)).contains("Version 3, changed Mar 1 12:00 UTC");
    }

    @Test
    void edit_pause_and_delete_are_reported_with_the_rule() {
        RulePanel panel = new RulePanel(true);
        List<RulePanel.EditEvent> edits = TestVaadin.record(panel, RulePanel.EditEvent.class);
        List<RulePanel.ToggleEvent> toggles = TestVaadin.record(panel, RulePanel.ToggleEvent.class);
        List<RulePanel.DeleteEvent> deletes = TestVaadin.record(panel, RulePanel.DeleteEvent.class);
        Rule r = rule(false, MESSAGE);
        panel.show(r, List.of(), List.of());

        TestVaadin.find(panel, "rule-edit", Button.class).click();
        TestVaadin.find(panel, "rule-toggle", Button.class).click();
        TestVaadin.find(panel, "rule-delete", Button.class).click();

        assertThat(edits).extracting(RulePanel.EditEvent::rule).containsExactly(r);
        assertThat(toggles).extracting(RulePanel.ToggleEvent::rule).containsExactly(r);
        assertThat(deletes).extracting(RulePanel.DeleteEvent::rule).containsExactly(r);
        assertThat(TestVaadin.find(panel, "rule-toggle", Button.class).getText())
                .isEqualTo("Activate");
    }

    @Test
    void auditors_see_no_buttons() {
        RulePanel panel = new RulePanel(false);

        panel.show(rule(true, MESSAGE), List.of(), List.of());

        assertThat(TestVaadin.find(panel, "rule-edit", Button.class).isVisible())
                .isFalse();
        assertThat(TestVaadin.find(panel, "rule-delete", Button.class).isVisible())
                .isFalse();
    }
}
