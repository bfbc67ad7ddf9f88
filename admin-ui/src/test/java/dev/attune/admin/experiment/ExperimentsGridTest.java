package dev.attune.admin.experiment;

import static dev.attune.admin.experiment.ExperimentFixtures.experiment;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.Experiment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentsGridTest {

    private static List<String> buttons(HorizontalLayout row) {
        return row.getChildren().map(c -> ((Button) c).getText()).toList();
    }

    @Test
    void each_experiment_offers_the_next_steps_of_its_life() {
        ExperimentsGrid grid = new ExperimentsGrid(true);

        assertThat(buttons(grid.actions(experiment(Experiment.Status.DRAFT, Experiment.Mode.AB, null))))
                .containsExactly("Edit", "Start");
        assertThat(buttons(grid.actions(experiment(Experiment.Status.RUNNING, Experiment.Mode.AB, null))))
                .containsExactly("Edit", "Stop", "Ship");
        assertThat(buttons(grid.actions(experiment(Experiment.Status.SHIPPED, Experiment.Mode.AB, null))))
                .containsExactly("Edit");
    }

    @Test
    void a_step_and_edit_are_reported_with_the_experiment() {
        ExperimentsGrid grid = new ExperimentsGrid(true);
        List<ExperimentsGrid.StatusEvent> steps = TestVaadin.record(grid, ExperimentsGrid.StatusEvent.class);
        List<ExperimentsGrid.EditEvent> edits = TestVaadin.record(grid, ExperimentsGrid.EditEvent.class);
        Experiment running = experiment(Experiment.Status.RUNNING, Experiment.Mode.AB, null);
        HorizontalLayout row = grid.actions(running);

        ((Button) row.getComponentAt(2)).click();
        ((Button) row.getComponentAt(0)).click();

        assertThat(steps).singleElement().satisfies(e -> {
            assertThat(e.experiment()).isEqualTo(running);
            assertThat(e.status()).isEqualTo(Experiment.Status.SHIPPED);
        });
        assertThat(edits).extracting(ExperimentsGrid.EditEvent::experiment).containsExactly(running);
    }

    @Test
    void auditors_get_no_buttons() {
        assertThat(new ExperimentsGrid(false)
                        .actions(experiment(Experiment.Status.DRAFT, Experiment.Mode.AB, null))
                        .getComponentCount())
                .isZero();
    }

    @Test
    void a_bandit_shows_the_split_it_serves_now() {
        assertThat(ExperimentsGrid.split(
                        experiment(Experiment.Status.RUNNING, Experiment.Mode.BANDIT, List.of(2750, 7250))))
                .isEqualTo("control 27.5 % / green 72.5 %");
        assertThat(ExperimentsGrid.split(experiment(Experiment.Status.RUNNING, Experiment.Mode.AB, null)))
                .isEqualTo("control 50 % / green 50 %");
    }
}
