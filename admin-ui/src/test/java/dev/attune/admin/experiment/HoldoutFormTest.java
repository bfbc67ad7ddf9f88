package dev.attune.admin.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.platform.api.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldoutFormTest {
    private final HoldoutForm form = new HoldoutForm("Shop", 5);
    private final List<HoldoutForm.SaveEvent> saved = TestVaadin.record(form, HoldoutForm.SaveEvent.class);

    @Test
    void save_reports_the_share() {
        assertThat(form.percent.getValue()).isEqualTo(5);
        form.percent.setValue(10);

        form.save.click();

        assertThat(saved).extracting(HoldoutForm.SaveEvent::percent).containsExactly(10);
    }

    @Test
    void an_empty_share_is_sent_as_minus_one_for_the_service_to_refuse() {
        form.percent.clear();

        form.save.click();

        assertThat(saved).extracting(HoldoutForm.SaveEvent::percent).containsExactly(-1);
    }

    @Test
    void a_refusal_lands_on_the_field() {
        form.showRefusal(InvalidInputException.of("holdoutPercent", "cannot change while an experiment runs"));

        assertThat(form.percent.isInvalid()).isTrue();
        assertThat(form.percent.getErrorMessage()).isEqualTo("cannot change while an experiment runs");
    }
}
