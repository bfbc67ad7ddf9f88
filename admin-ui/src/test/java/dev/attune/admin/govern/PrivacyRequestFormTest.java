package dev.attune.admin.govern;

import static dev.attune.admin.govern.PrivacyFixtures.ANN;
import static dev.attune.admin.govern.PrivacyFixtures.SITE;
import static dev.attune.admin.govern.PrivacyFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.admin.components.PersonPicker;
import dev.attune.platform.api.ApiProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyRequestFormTest {
    /** A picker without services: it answers the person preset, and refuses a blank identifier before any lookup. */
    private final PersonPicker picker = new PersonPicker(null, null, SITE, "privacy-person");

    private final PrivacyRequestForm form = new PrivacyRequestForm("Shop", picker);
    private final List<PrivacyRequestForm.SubmitEvent> submitted =
            TestVaadin.record(form, PrivacyRequestForm.SubmitEvent.class);

    @Test
    void an_export_is_requested_for_the_person_picked() {
        picker.preset(person(ANN));
        form.now.setValue(true);

        form.submit.click();

        assertThat(submitted).singleElement().satisfies(e -> {
            assertThat(e.person().id()).isEqualTo(ANN);
            assertThat(e.erasure()).isFalse();
            assertThat(e.processNow()).isTrue();
        });
    }

    @Test
    void an_erasure_needs_the_tick_that_says_it_cannot_be_undone() {
        picker.preset(person(ANN));
        form.kind.setValue("erasure");

        assertThat(form.understand.isVisible()).isTrue();
        assertThat(form.submit.getText()).isEqualTo("Request erasure");
        assertThat(form.submit.getThemeNames()).contains("error");
        form.submit.click();
        assertThat(submitted).isEmpty();
        assertThat(form.errors.getText()).startsWith("Tick \"I understand…\"");

        form.understand.setValue(true);
        form.submit.click();
        assertThat(submitted)
                .singleElement()
                .extracting(PrivacyRequestForm.SubmitEvent::erasure)
                .isEqualTo(true);
    }

    @Test
    void back_to_export_untick_and_calm_the_button() {
        form.kind.setValue("erasure");
        form.understand.setValue(true);

        form.kind.setValue("export");

        assertThat(form.understand.getValue()).isFalse();
        assertThat(form.understand.isVisible()).isFalse();
        assertThat(form.submit.getThemeNames()).doesNotContain("error");
    }

    @Test
    void nobody_picked_requests_nothing() {
        form.submit.click();

        assertThat(submitted).isEmpty();
    }

    @Test
    void a_refusal_shows_under_the_form() {
        form.showRefusal(new ApiProblem(409, "Conflict", "an erasure is already queued"));

        assertThat(form.errors.getText()).isEqualTo("Conflict: an erasure is already queued");
    }
}
