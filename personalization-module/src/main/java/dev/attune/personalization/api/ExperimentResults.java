package dev.attune.personalization.api;

import dev.attune.personalization.api.stats.Results;
import java.util.List;
import java.util.UUID;

/** An experiment's results now: units per variant, the sample-ratio check, and each metric's comparisons. */
public record ExperimentResults(UUID experimentId, List<VariantUnits> units, Results.SampleRatio sampleRatio,
                                List<MetricResult> metrics) {

    public record VariantUnits(String variant, long units, double expectedShare) {
    }

    /** One metric: per variant its mean; per treatment its comparison with the control. */
    public record MetricResult(String metric, String kind, boolean guardrail, List<VariantValue> values, List<Comparison> comparisons) {
    }

    public record VariantValue(String variant, long n, double mean) {
    }

    /**
     * A treatment against the control: the relative effect with its frequentist interval and p-value (Holm-adjusted
     * over every comparison of the experiment), the always-valid sequential interval, and the Bayesian chance to win
     * with the expected loss of shipping it.
     */
    public record Comparison(String variant, Results.Frequentist frequentist, double adjustedPValue, Results.Frequentist sequential,
                             Results.Bayesian bayesian) {
    }
}
