package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import dev.attune.platform.api.AuditTrail;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditFilterFormTest {
    private final AuditFilterForm form =
            new AuditFilterForm(List.of("user.login", "identity.merge", "identity.unmerge", "setup"));
    private final List<AuditFilterForm.FilterEvent> fired = TestVaadin.record(form, AuditFilterForm.FilterEvent.class);

    @Test
    void the_action_picker_offers_each_action_and_the_prefix_of_each_family() {
        assertThat(AuditFilterForm.actionChoices(List.of("user.login", "identity.merge", "identity.unmerge", "setup")))
                .containsExactly("identity.", "identity.merge", "identity.unmerge", "setup", "user.", "user.login");
    }

    @Test
    void each_change_reports_the_query_with_blank_filters_left_out() {
        form.actor.setValue("  alice ");
        form.outcome.setValue("DENIED");
        form.from.setValue(LocalDateTime.of(2026, 3, 1, 12, 0));

        assertThat(fired).hasSize(3);
        assertThat(fired.get(2).query())
                .isEqualTo(new AuditTrail.Query(
                        "alice", null, null, null, "DENIED", Instant.parse("2026-03-01T12:00:00Z"), null));
    }

    @Test
    void a_range_that_ends_before_it_starts_is_marked_on_to() {
        form.from.setValue(LocalDateTime.of(2026, 3, 2, 0, 0));
        form.to.setValue(LocalDateTime.of(2026, 3, 1, 0, 0));

        assertThat(form.query().to()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(form.to.isInvalid()).isTrue();

        form.to.setValue(LocalDateTime.of(2026, 3, 3, 0, 0));
        assertThat(form.to.isInvalid()).isFalse();
    }

    @Test
    void clear_empties_every_filter_and_reports_once() {
        form.actor.setValue("alice");
        form.target.setValue("site");
        fired.clear();

        form.clear.click();

        assertThat(fired)
                .singleElement()
                .extracting(AuditFilterForm.FilterEvent::query)
                .isEqualTo(AuditTrail.Query.ALL);
    }

    @Test
    void following_a_target_clears_the_other_filters_and_reports_once() {
        form.actor.setValue("alice");
        fired.clear();

        form.filterToTarget("3f2c9a10");

        assertThat(fired)
                .singleElement()
                .extracting(AuditFilterForm.FilterEvent::query)
                .isEqualTo(new AuditTrail.Query(null, null, "3f2c9a10", null, null, null, null));
    }

    @Test
    void clearing_for_a_jump_reports_nothing() {
        form.actor.setValue("alice");
        fired.clear();

        form.clear();

        assertThat(fired).isEmpty();
        assertThat(form.query()).isEqualTo(AuditTrail.Query.ALL);
    }

    @Test
    void reload_reports_the_same_query_again() {
        form.text.setValue("erasure");
        fired.clear();

        form.reload.click();

        assertThat(fired).singleElement().extracting(e -> e.query().text()).isEqualTo("erasure");
    }
}
