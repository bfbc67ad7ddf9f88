package dev.attune.admin.govern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.admin.TestVaadin;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunNowPanelTest {

    @Test
    void an_admin_pressing_a_job_asks_for_that_job() {
        RunNowPanel panel = new RunNowPanel(true);
        List<RunNowPanel.RunEvent> runs = TestVaadin.record(panel, RunNowPanel.RunEvent.class);

        panel.button(RetentionJob.PROFILES).click();

        assertThat(runs).extracting(RunNowPanel.RunEvent::job).containsExactly(RetentionJob.PROFILES);
    }

    @Test
    void a_job_shows_its_progress_while_it_runs_and_takes_presses_again_when_it_stopped() {
        RunNowPanel panel = new RunNowPanel(true);
        panel.button(RetentionJob.AUDIT).setEnabled(false); // what "disable on click" does in the browser

        panel.started(RetentionJob.AUDIT);
        assertThat(panel.progress(RetentionJob.AUDIT).isVisible()).isTrue();
        assertThat(panel.progress(RetentionJob.EVENTS).isVisible()).isFalse();

        panel.stopped(RetentionJob.AUDIT);
        assertThat(panel.progress(RetentionJob.AUDIT).isVisible()).isFalse();
        assertThat(panel.button(RetentionJob.AUDIT).isEnabled()).isTrue();
    }

    @Test
    void others_see_disabled_buttons_that_ask_for_nothing() {
        RunNowPanel panel = new RunNowPanel(false);
        List<RunNowPanel.RunEvent> runs = TestVaadin.record(panel, RunNowPanel.RunEvent.class);

        panel.button(RetentionJob.EVENTS).click();
        panel.stopped(RetentionJob.EVENTS);

        assertThat(runs).isEmpty();
        assertThat(panel.button(RetentionJob.EVENTS).isEnabled()).isFalse();
        assertThat(TestVaadin.byId(panel, "retention-run-admins-only")).isPresent();
    }
}
