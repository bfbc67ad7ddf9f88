package dev.attune.admin.collect;

import static dev.attune.platform.api.JsonSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.feedback.api.Survey;
import dev.attune.feedback.api.SurveyStatus;
import dev.attune.platform.api.InvalidInputException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SurveyFormTest {
    private static final String STORED = """
            {"questions":[{"id":"q1","type":"nps","text":"Recommend us?","branches":[{"min":0.0,"max":6.0,"goto":"q2"}]},\
            {"id":"q2","type":"single_choice","text":"Why?","required":false,"options":["Price","Speed"],\
            "branches":[{"choice":"Price","goto":"end"}]}],\
            "targeting":{"urlPattern":"/checkout/*","devices":["mobile"],"sharePercent":50},\
            "trigger":{"type":"event","name":"cart_add"},"frequency":{"maxDisplays":2,"daysBetween":7},"thankYou":"Thanks!"}""";
    private static final Survey EXISTING = new Survey(
            UUID.randomUUID(), UUID.randomUUID(), "Checkout", SurveyStatus.ACTIVE, STORED, 3, Instant.EPOCH, 10, 4);

    private static JsonObject parse(String json) {
        return JSON.createReader(new StringReader(json)).readObject();
    }

    @Test
    void a_new_survey_starts_with_one_nps_question_and_saves_its_definition() {
        SurveyForm form = new SurveyForm("Shop", null, true);
        List<SurveyForm.SaveEvent> saved = TestVaadin.record(form, SurveyForm.SaveEvent.class);
        form.name.setValue("After checkout");

        form.save.click();

        assertThat(form.getHeaderTitle()).isEqualTo("New survey for Shop");
        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.surveyId()).isNull();
            assertThat(e.name()).isEqualTo("After checkout");
            assertThat(parse(e.definition())).isEqualTo(parse("""
                    {"questions":[{"id":"q1","type":"nps","text":"How likely are you to recommend us to a friend or colleague?"}],\
                    "targeting":{},"trigger":{"type":"time_on_page","seconds":10},"frequency":{"maxDisplays":1,"daysBetween":0}}"""));
        });
    }

    @Test
    void a_stored_survey_shows_in_the_form_and_saves_unchanged() {
        SurveyForm form = new SurveyForm("Shop", EXISTING, true);
        List<SurveyForm.SaveEvent> saved = TestVaadin.record(form, SurveyForm.SaveEvent.class);

        assertThat(form.name.getValue()).isEqualTo("Checkout");
        assertThat(form.trigger.getValue()).isEqualTo("event");
        assertThat(form.triggerText.getValue()).isEqualTo("cart_add");
        assertThat(form.triggerText.isVisible()).isTrue();
        assertThat(form.amount.isVisible()).isFalse();
        assertThat(form.devices.getValue()).containsExactly("mobile");
        assertThat(form.questions.getComponentCount()).isEqualTo(2);

        form.save.click();

        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.surveyId()).isEqualTo(EXISTING.id());
            assertThat(parse(e.definition())).isEqualTo(parse(STORED));
        });
    }

    @Test
    void a_rule_the_form_cannot_read_blocks_saving_and_says_which() {
        SurveyForm form = new SurveyForm("Shop", null, true);
        List<SurveyForm.SaveEvent> saved = TestVaadin.record(form, SurveyForm.SaveEvent.class);
        ((SurveyQuestionRow) form.questions.getComponentAt(0)).rules.setValue("0-6 -> q2\nsometimes");

        form.save.click();

        assertThat(saved).isEmpty();
        assertThat(form.errors.getText()).isEqualTo("Question q1: cannot read the rule \"sometimes\"");
    }

    @Test
    void the_json_tab_shows_the_form_and_saves_what_is_written_there() {
        SurveyForm form = new SurveyForm("Shop", null, true);
        List<SurveyForm.SaveEvent> saved = TestVaadin.record(form, SurveyForm.SaveEvent.class);
        form.thanks.setValue("Merci");

        form.tabs.setSelectedIndex(1);
        assertThat(parse(form.json.getValue()).getString("thankYou")).isEqualTo("Merci");

        form.json.setValue("{\"questions\":[]}");
        form.save.click();

        assertThat(saved)
                .singleElement()
                .extracting(SurveyForm.SaveEvent::definition)
                .isEqualTo("{\"questions\":[]}");
    }

    @Test
    void added_questions_are_numbered_on() {
        SurveyForm form = new SurveyForm("Shop", null, true);

        form.addQuestion.click();

        assertThat(((SurveyQuestionRow) form.questions.getComponentAt(1)).id.getValue())
                .isEqualTo("q2");
    }

    @Test
    void a_refusal_lists_each_field_and_marks_the_name() {
        SurveyForm form = new SurveyForm("Shop", null, true);

        form.showRefusal(new InvalidInputException(
                400,
                "Invalid survey",
                List.of(
                        new InvalidInputException.FieldError("name", "is taken"),
                        new InvalidInputException.FieldError("questions[0].text", "must not be blank"))));

        assertThat(form.name.isInvalid()).isTrue();
        assertThat(TestVaadin.text(form.errors)).contains("name: is taken", "questions[0].text: must not be blank");
    }

    @Test
    void analysts_read_and_close() {
        SurveyForm form = new SurveyForm("Shop", EXISTING, false);
        List<SurveyForm.CloseEvent> closed = TestVaadin.record(form, SurveyForm.CloseEvent.class);

        form.close.click();

        assertThat(form.save.isVisible()).isFalse();
        assertThat(form.close.getText()).isEqualTo("Close");
        assertThat(closed).hasSize(1);
    }
}
