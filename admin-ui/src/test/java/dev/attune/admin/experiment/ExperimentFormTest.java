package dev.attune.admin.experiment;

import static dev.attune.admin.experiment.ExperimentFixtures.experiment;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentFormTest {

    private static TextField field(ExperimentForm form, String id) {
        return TestVaadin.find(form, id, TextField.class);
    }

    private static TextArea payload(ExperimentForm form, int variant) {
        return TestVaadin.tree(field(form, "variant-key-" + variant).getParent().orElseThrow())
                .filter(TextArea.class::isInstance)
                .map(TextArea.class::cast)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_new_experiment_starts_as_a_fifty_fifty_test_on_conversion_and_reports_its_definition() {
        ExperimentForm form = new ExperimentForm("Shop", null);
        List<ExperimentForm.SaveEvent> saved = TestVaadin.record(form, ExperimentForm.SaveEvent.class);
        form.key.setValue(" checkout-button ");
        form.name.setValue("Green button");
        field(form, "variant-text-1").setValue(" Buy now ");

        form.save.click();

        assertThat(form.save.getText()).isEqualTo("Create");
        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.existing()).isNull();
            Experiment.Definition d = e.definition();
            assertThat(d.key()).isEqualTo("checkout-button");
            assertThat(d.variants())
                    .containsExactly(
                            new Experiment.Variant("control", 50, null),
                            new Experiment.Variant("treatment", 50, "{\"text\":\"Buy now\"}"));
            assertThat(d.metrics()).extracting(Metric::key).containsExactly("conversion");
            assertThat(d.trafficPercent()).isEqualTo(100);
        });
    }

    @Test
    void a_payload_that_is_not_json_is_marked_and_not_reported() {
        ExperimentForm form = new ExperimentForm("Shop", null);
        List<ExperimentForm.SaveEvent> saved = TestVaadin.record(form, ExperimentForm.SaveEvent.class);
        payload(form, 0).setValue("{broken");

        form.save.click();

        assertThat(saved).isEmpty();
        assertThat(payload(form, 0).isInvalid()).isTrue();
        assertThat(TestVaadin.text(form.errors)).isEqualTo("variants/0/payload: is not JSON");
    }

    @Test
    void a_refusal_marks_the_fields_it_names_and_lists_every_one() {
        ExperimentForm form = new ExperimentForm("Shop", null);

        form.showRefusal(new InvalidInputException(
                400,
                "Invalid experiment",
                List.of(
                        new FieldError("key", "is taken"),
                        new FieldError("variants/1/weight", "must be positive"),
                        new FieldError("layer", "is full"))));

        assertThat(form.key.isInvalid()).isTrue();
        assertThat(TestVaadin.find(form, "variant-weight-1", IntegerField.class).isInvalid())
                .isTrue();
        assertThat(TestVaadin.text(form.errors))
                .contains("key: is taken", "variants/1/weight: must be positive", "layer: is full");
    }

    @Test
    void a_running_experiment_keeps_what_it_may_no_longer_change_and_saves_over_itself() {
        Experiment running = experiment(Experiment.Status.RUNNING, Experiment.Mode.AB, null);
        ExperimentForm form = new ExperimentForm("Shop", running);
        List<ExperimentForm.SaveEvent> saved = TestVaadin.record(form, ExperimentForm.SaveEvent.class);

        assertThat(form.key.isReadOnly()).isTrue();
        assertThat(field(form, "variant-text-1").getValue()).isEqualTo("Buy now");
        form.name.setValue("Green button, v2");
        form.save.click();

        assertThat(form.save.getText()).isEqualTo("Save");
        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.existing()).isEqualTo(running);
            assertThat(e.definition().name()).isEqualTo("Green button, v2");
            assertThat(e.definition().variants()).isEqualTo(running.variants());
        });
    }

    @Test
    void cancel_reports_a_close() {
        ExperimentForm form = new ExperimentForm("Shop", null);
        List<ExperimentForm.CloseEvent> closed = TestVaadin.record(form, ExperimentForm.CloseEvent.class);

        form.cancel.click();

        assertThat(closed).hasSize(1);
    }
}
