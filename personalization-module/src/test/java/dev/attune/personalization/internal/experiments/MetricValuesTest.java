package dev.attune.personalization.internal.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricValuesTest {

    static Metric metric(Metric.Kind kind) {
        return new Metric("m", kind, kind == Metric.Kind.NPS ? "nps" : "purchase", 24, false);
    }

    @Test
    void a_units_value_per_kind() {
        assertThat(JdbcExperiments.unitValue(metric(Metric.Kind.CONVERSION), 1, 3))
                .isEqualTo(1);
        assertThat(JdbcExperiments.unitValue(metric(Metric.Kind.SUM), 60, 3)).isEqualTo(60);
        assertThat(JdbcExperiments.unitValue(metric(Metric.Kind.MEAN), 12, 3)).isEqualTo(4);
        assertThat(JdbcExperiments.unitValue(metric(Metric.Kind.NPS), 10, 1))
                .as("promoter")
                .isEqualTo(1);
        assertThat(JdbcExperiments.unitValue(metric(Metric.Kind.NPS), 8, 2))
                .as("passive")
                .isEqualTo(0);
        assertThat(JdbcExperiments.unitValue(metric(Metric.Kind.NPS), 6, 1))
                .as("detractor")
                .isEqualTo(-1);
    }

    @Test
    void assignment_is_deterministic_and_follows_the_weights() {
        Experiment e = new Experiment(
                null,
                null,
                Experiment.Status.RUNNING,
                new Experiment.Definition(
                        "hero",
                        "Hero",
                        null,
                        null,
                        List.of(new Experiment.Variant("control", 20, null), new Experiment.Variant("b", 80, null)),
                        100,
                        null,
                        null,
                        List.of(),
                        false,
                        null,
                        null),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        int b = 0;
        for (int i = 0; i < 20_000; i++) {
            String v = DefaultExperimentService.pick(e, "unit-" + i);
            assertThat(DefaultExperimentService.pick(e, "unit-" + i)).isEqualTo(v);
            b += v.equals("b") ? 1 : 0;
        }
        assertThat(b / 20_000.0).isBetween(0.78, 0.82);
    }
}
