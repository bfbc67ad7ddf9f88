package dev.attune.personalization.internal.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.ExperimentResults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Results from sums kept as the store keeps them, built here from simulated units. */
class ResultsCalculatorTest {

    private static Experiment experiment(Experiment.Mode mode, Metric... metrics) {
        return new Experiment(
                UUID.randomUUID(),
                UUID.randomUUID(),
                Experiment.Status.RUNNING,
                new Experiment.Definition(
                        "e",
                        "E",
                        null,
                        mode,
                        List.of(new Experiment.Variant("control", 50, null), new Experiment.Variant("b", 50, null)),
                        100,
                        null,
                        null,
                        List.of(metrics),
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
    }

    /** Units with (variant, device, value, pre): the exposures and totals the store would hold. */
    private record Unit(String variant, String device, double value, double pre) {}

    private static ExperimentResults results(Experiment e, Metric m, List<Unit> units) {
        Map<String, Long> exposed = new HashMap<>();
        Map<String, JdbcExperiments.Total> totals = new HashMap<>();
        for (Unit u : units) {
            exposed.merge(u.variant() + "|" + u.device(), 1L, Long::sum);
            totals.merge(
                    u.variant() + "|" + u.device(),
                    new JdbcExperiments.Total(
                            m.key(),
                            u.variant(),
                            u.device(),
                            u.value() != 0 ? 1 : 0,
                            u.value(),
                            u.value() * u.value(),
                            0,
                            0,
                            0,
                            u.pre(),
                            u.pre() * u.pre(),
                            u.pre() * u.value()),
                    (a, b) -> new JdbcExperiments.Total(
                            m.key(),
                            a.variant(),
                            a.device(),
                            a.units() + b.units(),
                            a.sum() + b.sum(),
                            a.sumSquares() + b.sumSquares(),
                            0,
                            0,
                            0,
                            a.sumPre() + b.sumPre(),
                            a.sumPreSquares() + b.sumPreSquares(),
                            a.sumPreCross() + b.sumPreCross()));
        }
        List<JdbcExperiments.Exposures> exposures = new ArrayList<>();
        exposed.forEach(
                (k, n) -> exposures.add(new JdbcExperiments.Exposures(k.split("\\|")[0], k.split("\\|")[1], n)));
        return ResultsCalculator.results(e, exposures, new ArrayList<>(totals.values()));
    }

    @Test
    void cuped_uses_pre_exposure_values_to_narrow_the_interval_around_the_same_effect() {
        Metric spend = new Metric("spend", Metric.Kind.SUM, "purchase", 72, false);
        Random random = new Random(11);
        List<Unit> units = new ArrayList<>();
        List<Unit> withoutPre = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            String v = i % 2 == 0 ? "control" : "b";
            double habit = Math.max(0, 50 + 30 * random.nextGaussian());
            double value = Math.max(0, habit * (v.equals("b") ? 1.05 : 1.0) + 10 * random.nextGaussian());
            units.add(new Unit(v, i % 3 == 0 ? "mobile" : "desktop", value, habit));
            withoutPre.add(new Unit(v, i % 3 == 0 ? "mobile" : "desktop", value, 0));
        }
        Experiment e = experiment(Experiment.Mode.AB, spend);
        ExperimentResults adjusted = results(e, spend, units);
        ExperimentResults plain = results(e, spend, withoutPre);
        ExperimentResults.MetricResult a = adjusted.metrics().get(0);
        ExperimentResults.MetricResult p = plain.metrics().get(0);
        assertThat(a.cuped()).isTrue();
        assertThat(p.cuped()).isFalse();
        assertThat(a.varianceReduction()).isGreaterThan(0.7);
        double width = a.comparisons().get(0).frequentist().interval().upper()
                - a.comparisons().get(0).frequentist().interval().lower();
        double plainWidth = p.comparisons().get(0).frequentist().interval().upper()
                - p.comparisons().get(0).frequentist().interval().lower();
        assertThat(width).isLessThan(plainWidth * 0.6);
        assertThat(a.comparisons().get(0).frequentist().estimate()).isBetween(0.03, 0.07);
        assertThat(a.comparisons().get(0).frequentist().pValue()).isLessThan(0.001);
        assertThat(adjusted.segments())
                .extracting(ExperimentResults.Segment::device)
                .containsExactly("desktop", "mobile");
        assertThat(adjusted.segments().get(1).values().get(0).n()).isBetween(600L, 740L);
        assertThat(adjusted.chanceToBeBest().get(1)).isGreaterThan(0.95);
        assertThat(adjusted.sampleRatio().mismatch()).isFalse();
    }

    @Test
    void a_lower_is_better_guardrail_wins_when_it_falls() {
        Metric complaints = new Metric("complaints", Metric.Kind.CONVERSION, "custom", null, 72, true, true);
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            String v = i % 2 == 0 ? "control" : "b";
            boolean complained = v.equals("control") ? i % 10 < 2 : i % 20 < 1 + (i % 40 == 1 ? 1 : 0);
            units.add(new Unit(v, "desktop", complained ? 1 : 0, 0));
        }
        ExperimentResults r = results(experiment(Experiment.Mode.AB, complaints), complaints, units);
        ExperimentResults.Comparison c = r.metrics().get(0).comparisons().get(0);
        assertThat(c.frequentist().estimate()).isNegative();
        assertThat(c.bayesian().chanceToWin()).isGreaterThan(0.99);
        assertThat(ExperimentGuard.alert(r, false)).isNull();
    }

    @Test
    void a_bandit_skips_the_sample_ratio_check_its_allocation_moves_on_purpose() {
        Metric buy = new Metric("buy", Metric.Kind.CONVERSION, "purchase", 72, false);
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            units.add(new Unit(i < 900 ? "b" : "control", "desktop", i % 7 == 0 ? 1 : 0, 0));
        }
        assertThat(results(experiment(Experiment.Mode.BANDIT, buy), buy, units)
                        .sampleRatio()
                        .mismatch())
                .isFalse();
        assertThat(results(experiment(Experiment.Mode.AB, buy), buy, units)
                        .sampleRatio()
                        .mismatch())
                .isTrue();
    }
}
