package dev.attune.personalization.api;

import dev.attune.personalization.api.stats.Results;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An experiment's results now: units per variant with the sample-ratio check (not for bandits, whose allocation
 * moves on purpose), each metric's comparisons overall and per device class, and for a bandit each arm's chance
 * of being best.
 */
public record ExperimentResults(
        UUID experimentId,
        List<VariantUnits> units,
        Results.SampleRatio sampleRatio,
        List<MetricResult> metrics,
        List<Segment> segments,
        List<Double> chanceToBeBest) {

    public record VariantUnits(String variant, long units, double expectedShare) {}

    /**
     * One metric: per variant its mean; per treatment its comparison with the control. {@code cuped}: the
     * comparisons use CUPED-adjusted means (pre-exposure data reduced the variance by {@code varianceReduction}).
     */
    public record MetricResult(
            String metric,
            String kind,
            boolean guardrail,
            boolean lowerIsBetter,
            List<VariantValue> values,
            List<Comparison> comparisons,
            boolean cuped,
            double varianceReduction) {}

    public record VariantValue(String variant, long n, double mean) {}

    /**
     * A treatment against the control: the relative effect with its frequentist interval and p-value (Holm-adjusted
     * over every comparison of the experiment), the always-valid sequential interval, and the Bayesian chance to win
     * with the expected loss of shipping it.
     */
    public record Comparison(
            String variant,
            Results.Frequentist frequentist,
            double adjustedPValue,
            Results.Frequentist sequential,
            Results.Bayesian bayesian) {}

    /** The primary metric within one device class: units and mean per variant, each treatment's relative effect and interval. */
    public record Segment(String device, List<VariantValue> values, List<Comparison> comparisons) {}

    /** One point of the results over time: a treatment's relative effect and interval on a metric, or the control's mean. */
    public record Snapshot(
            Instant takenAt,
            String metric,
            String variant,
            long units,
            double mean,
            Double effect,
            Double lower,
            Double upper,
            Double chanceToWin) {}
}
