package dev.attune.admin.experiment;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.stats.Results;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Experiments and results for the experiment tests. */
final class ExperimentFixtures {
    static final UUID SITE = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private ExperimentFixtures() {}

    static Experiment experiment(Experiment.Status status, Experiment.Mode mode, List<Integer> liveWeights) {
        Experiment.Definition d = new Experiment.Definition(
                "checkout-button",
                "Green button",
                "Green sells",
                mode,
                List.of(
                        new Experiment.Variant("control", 50, null),
                        new Experiment.Variant("green", 50, "{\"text\":\"Buy now\"}")),
                100,
                null,
                null,
                List.of(
                        new Metric("conversion", Metric.Kind.CONVERSION, "purchase", 72, false),
                        new Metric("refunds", Metric.Kind.CONVERSION, "refund", 72, true)),
                false,
                null,
                null);
        return new Experiment(
                UUID.randomUUID(),
                SITE,
                status,
                d,
                T,
                status == Experiment.Status.DRAFT ? null : T,
                null,
                null,
                null,
                liveWeights,
                null);
    }

    static ExperimentResults.Comparison comparison(String variant, double effect, double p, double chanceToWin) {
        Results.Frequentist f =
                new Results.Frequentist(effect, 0.01, new Results.Interval(effect - 0.02, effect + 0.02), p);
        return new ExperimentResults.Comparison(
                variant,
                f,
                p,
                f,
                new Results.Bayesian(
                        effect, 0.01, new Results.Interval(effect - 0.02, effect + 0.02), chanceToWin, 0.001, 0.002));
    }

    static ExperimentResults results(
            boolean mismatch,
            long units,
            ExperimentResults.Comparison primary,
            ExperimentResults.Comparison guardrail) {
        List<ExperimentResults.VariantValue> values = List.of(
                new ExperimentResults.VariantValue("control", units / 2, 0.1),
                new ExperimentResults.VariantValue("green", units / 2, 0.12));
        return new ExperimentResults(
                UUID.randomUUID(),
                List.of(
                        new ExperimentResults.VariantUnits("control", units / 2, 0.5),
                        new ExperimentResults.VariantUnits("green", units / 2, 0.5)),
                new Results.SampleRatio(9.1, mismatch ? 0.002 : 0.6, mismatch),
                List.of(
                        new ExperimentResults.MetricResult(
                                "conversion", "conversion", false, false, values, List.of(primary), false, 0),
                        new ExperimentResults.MetricResult(
                                "refunds", "conversion", true, true, values, List.of(guardrail), false, 0)),
                List.of(),
                List.of(0.1, 0.9));
    }
}
