package dev.attune.admin.personalize;

import static dev.attune.admin.personalize.RuleFixtures.rule;
import static dev.attune.admin.personalize.RuleFixtures.segment;
import static dev.attune.platform.api.JsonSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleFormTest {
    private static final String SLOT_RULE =
            "{\"when\":{\"segment\":\"fans\"},\"on\":[\"visit\"],\"action\":{\"type\":\"slot\",\"slot\":\"home\","
                    + "\"strategy\":\"trending\",\"title\":\"Hot for {{subject}}\"},\"cap\":{\"times\":0,\"perHours\":0}}";

    private static JsonObject parse(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }

    @Test
    void a_new_rule_greets_detractors_by_default_and_reports_its_definition() {
        RuleForm form = new RuleForm("Shop", null, List.of(), List.of(), List.of());
        List<RuleForm.SaveEvent> saved = TestVaadin.record(form, RuleForm.SaveEvent.class);
        form.key.setValue(" apologise ");
        form.name.setValue("Apologise");

        form.save.click();

        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.existing()).isNull();
            assertThat(e.key()).isEqualTo("apologise");
            assertThat(e.priority()).isZero();
            JsonObject d = parse(e.definition());
            assertThat(d.getJsonObject("when"))
                    .isEqualTo(parse("{\"field\": \"npsClass\", \"op\": \"=\", \"value\": \"detractor\"}"));
            assertThat(d.getJsonObject("action").getString("type")).isEqualTo("message");
            assertThat(d.getJsonObject("action").getString("template")).startsWith("Sorry we let you down");
            assertThat(d.getJsonObject("cap")).isEqualTo(parse("{\"times\":1,\"perHours\":24}"));
            assertThat(d.containsKey("on")).isFalse();
        });
    }

    @Test
    void a_site_with_segments_starts_from_its_first_segment_and_a_chip_picks_another() {
        RuleForm form = new RuleForm("Shop", null, List.of(segment("fans"), segment("lapsed")), List.of(), List.of());

        assertThat(parse(form.when.getValue())).isEqualTo(parse("{\"segment\": \"fans\"}"));
        TestVaadin.tree(form)
                .filter(c -> c instanceof Button b && "lapsed".equals(b.getText()))
                .map(Button.class::cast)
                .findFirst()
                .orElseThrow()
                .click();
        assertThat(parse(form.when.getValue())).isEqualTo(parse("{\"segment\": \"lapsed\"}"));
    }

    @Test
    void a_condition_that_is_not_json_is_refused_before_anything_is_reported() {
        RuleForm form = new RuleForm("Shop", null, List.of(), List.of(), List.of());
        List<RuleForm.SaveEvent> saved = TestVaadin.record(form, RuleForm.SaveEvent.class);
        List<RuleForm.DryRunEvent> runs = TestVaadin.record(form, RuleForm.DryRunEvent.class);
        form.when.setValue("{npsClass = detractor");

        form.save.click();
        form.dryRun.click();

        assertThat(saved).isEmpty();
        assertThat(runs).isEmpty();
        assertThat(TestVaadin.text(form.errors)).startsWith("definition/when: is not JSON");
    }

    @Test
    void a_stored_slot_rule_shows_its_slot_fields_and_saves_unchanged() {
        Rule stored = rule(true, SLOT_RULE);
        RuleForm form = new RuleForm("Shop", stored, List.of(segment("fans")), List.of(), List.of());
        List<RuleForm.SaveEvent> saved = TestVaadin.record(form, RuleForm.SaveEvent.class);

        assertThat(form.key.isEnabled()).isFalse();
        assertThat(form.slot.getValue()).isEqualTo("home");
        assertThat(TestVaadin.shown(form.slot)).isTrue();
        assertThat(TestVaadin.shown(form.template)).isFalse();
        assertThat(TestVaadin.shown(form.survey)).isFalse();
        form.save.click();

        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.existing()).isEqualTo(stored);
            assertThat(e.priority()).isEqualTo(5);
            assertThat(parse(e.definition())).isEqualTo(parse(SLOT_RULE));
        });
    }

    @Test
    void a_dry_run_is_asked_for_and_its_answer_shown_with_a_sample() {
        RuleForm form = new RuleForm("Shop", null, List.of(), List.of(), List.of());
        List<RuleForm.DryRunEvent> runs = TestVaadin.record(form, RuleForm.DryRunEvent.class);

        form.dryRun.click();
        form.showDryRun(
                new RuleService.DryRun(120, 14, 3, List.of(new RuleService.Sample("anon-1", "message: Sorry…"))));

        assertThat(runs).hasSize(1);
        assertThat(form.result.getText()).isEqualTo("14 of 120 profiles match now; the cap holds back 3. For example:");
        assertThat(form.sample.isVisible()).isTrue();
    }

    @Test
    void cancel_reports_a_close() {
        RuleForm form = new RuleForm("Shop", null, List.of(), List.of(), List.of());
        List<RuleForm.CloseEvent> closed = TestVaadin.record(form, RuleForm.CloseEvent.class);

        form.cancel.click();

        assertThat(closed).hasSize(1);
    }
}
