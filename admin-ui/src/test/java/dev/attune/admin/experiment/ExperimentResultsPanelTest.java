package dev.attune.admin.experiment;

import static dev.attune.admin.experiment.ExperimentFixtures.comparison;
import static dev.attune.admin.experiment.ExperimentFixtures.experiment;
import static dev.attune.admin.experiment.ExperimentFixtures.results;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import dev.attune.admin.TestVaadin;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentResultsPanelTest {
    private final Experiment ab = experiment(Experiment.Status.RUNNING, Experiment.Mode.AB, null);
    private final ExperimentResults.Comparison neutral = comparison("green", 0.0, 0.9, 0.5);

    @Test
    void a_clear_winner_is_shipped() {
        String advice = ExperimentResultsPanel.recommendation(
                ab, results(false, 4000, comparison("green", 0.12, 0.01, 0.99), neutral));

        assertThat(advice)
                .isEqualTo("Ship green: +12.0 % on conversion (chance to win 99.0 %, p = 0.0100 after Holm).");
    }

    @Test
    void a_sample_ratio_mismatch_stops_everything_else() {
        String advice = ExperimentResultsPanel.recommendation(
                ab, results(true, 4000, comparison("green", 0.12, 0.01, 0.99), neutral));

        assertThat(advice).startsWith("Stop and investigate");
    }

    @Test
    void a_guardrail_significantly_worse_blocks_shipping() {
        // refunds: lower is better, so a rise is worse
        String advice = ExperimentResultsPanel.recommendation(
                ab, results(false, 4000, comparison("green", 0.12, 0.01, 0.99), comparison("green", 0.05, 0.01, 0.9)));

        assertThat(advice).isEqualTo("Guardrail refunds is significantly worse for green (+5.0 %): do not ship it.");
    }

    @Test
    void too_few_units_is_too_early() {
        assertThat(ExperimentResultsPanel.recommendation(
                        ab, results(false, 60, comparison("green", 0.12, 0.01, 0.99), neutral)))
                .isEqualTo("Too early: 60 units so far.");
    }

    @Test
    void the_panel_shows_the_advice_the_sample_ratio_and_a_table_per_metric() {
        ExperimentResultsPanel panel = new ExperimentResultsPanel();

        panel.show(ab, results(true, 4000, comparison("green", 0.12, 0.01, 0.99), neutral), List.of());

        assertThat(TestVaadin.find(panel, "experiment-advice", Paragraph.class).getText())
                .startsWith("Stop and investigate");
        assertThat(TestVaadin.find(panel, "experiment-srm", Div.class).getText())
                .startsWith("Sample ratio mismatch (p = 0.00200)");
        assertThat(TestVaadin.byId(panel, "results-conversion")).isPresent();
        assertThat(TestVaadin.byId(panel, "results-refunds")).isPresent();
        assertThat(TestVaadin.byId(panel, "experiment-history-empty")).isPresent();

        panel.show(null, null, List.of());
        assertThat(panel.getComponentCount()).isZero();
    }

    @Test
    void the_setup_in_one_line() {
        assertThat(ExperimentResultsPanel.setup(ab))
                .isEqualTo("A/B test · 100 % of traffic · every page · every device · started Mar 1 12:00 UTC");
    }
}
