package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.admin.govern.RetentionView.SiteRow;
import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.platform.api.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RetentionFormTest {
    static final SiteSummary SITE = new SiteSummary(
            UUID.randomUUID(), "Shop", List.of(), "pk_1", "sk_1", Instant.EPOCH, ConsentMode.values()[0], 90, true);

    private final RetentionForm form = new RetentionForm(new SiteRow(SITE, 30));
    private final List<RetentionForm.SaveEvent> saved = TestVaadin.record(form, RetentionForm.SaveEvent.class);

    @Test
    void starts_with_the_sites_periods() {
        assertThat(form.eventDays.getValue()).isEqualTo(90);
        assertThat(form.profileDays.getValue()).isEqualTo(30);
        assertThat(form.getHeaderTitle()).isEqualTo("Retention of Shop");
    }

    @Test
    void save_reports_the_periods_and_which_changed() {
        form.eventDays.setValue(365);
        form.save.click();

        assertThat(saved).singleElement().satisfies(e -> {
            assertThat(e.row().site()).isEqualTo(SITE);
            assertThat(e.eventDays()).isEqualTo(365);
            assertThat(e.profileDays()).isEqualTo(30);
            assertThat(e.eventDaysChanged()).isTrue();
            assertThat(e.profileDaysChanged()).isFalse();
        });
    }

    @Test
    void a_period_outside_one_to_3650_days_is_refused_on_its_field() {
        form.eventDays.setValue(0);
        form.profileDays.setValue(4000);
        form.save.click();

        assertThat(saved).isEmpty();
        assertThat(form.eventDays.isInvalid()).isTrue();
        assertThat(form.profileDays.isInvalid()).isTrue();
        assertThat(form.eventDays.getErrorMessage()).isEqualTo("Between 1 and 3,650 days");
    }

    @Test
    void an_empty_period_is_refused() {
        form.profileDays.clear();
        form.save.click();

        assertThat(saved).isEmpty();
        assertThat(form.profileDays.isInvalid()).isTrue();
        assertThat(form.eventDays.isInvalid()).isFalse();
    }

    @Test
    void a_refusal_of_the_module_lands_on_the_field_it_names_and_a_second_save_clears_it() {
        form.showRefusal(InvalidInputException.of("profileDays", "must be at most the site's event retention"));

        assertThat(form.profileDays.isInvalid()).isTrue();
        assertThat(form.profileDays.getErrorMessage()).isEqualTo("Must be at most the site's event retention");

        form.save.click();
        assertThat(form.profileDays.isInvalid()).isFalse();
        assertThat(saved).hasSize(1);
    }

    @Test
    void a_refusal_without_a_field_shows_under_the_form() {
        form.showRefusal(new IllegalStateException("database down"));

        assertThat(form.general.getText()).isEqualTo("Failed: database down");
    }

    @Test
    void cancel_reports_a_close() {
        List<RetentionForm.CloseEvent> closed = TestVaadin.record(form, RetentionForm.CloseEvent.class);

        form.cancel.click();

        assertThat(closed).hasSize(1);
        assertThat(saved).isEmpty();
    }
}
