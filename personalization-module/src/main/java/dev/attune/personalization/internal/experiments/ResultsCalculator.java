package dev.attune.personalization.internal.experiments;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.ExperimentResults.Comparison;
import dev.attune.personalization.api.ExperimentResults.VariantValue;
import dev.attune.personalization.api.stats.Results;
import dev.attune.personalization.api.stats.Sample;
import dev.attune.personalization.api.stats.Statistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the incrementally kept sums into results: samples per variant (CUPED-adjusted where pre-exposure data
 * exist), every treatment against the control with Holm over the whole experiment, the primary metric per device
 * class, each arm's chance of being best, and the sample-ratio check for fixed-weight experiments.
 */
final class ResultsCalculator {
    static final double ALPHA = 0.05;
    /** Tuning of the always-valid interval: about the number of units where it is tightest. */
    static final double SEQUENTIAL_TAU = 5000;

    static final String ALL = "all";

    private ResultsCalculator() {}

    /** One variant's sums for one metric (within one device class, or over all). */
    private record Cell(long exposed, JdbcExperiments.Total total) {
        Sample sample(Metric m) {
            return switch (m.kind()) {
                case CONVERSION -> Sample.proportion(total.sum(), exposed);
                case SUM -> Sample.mean(total.sum(), total.sumSquares(), exposed);
                case MEAN, NPS -> Sample.mean(total.sum(), total.sumSquares(), total.units());
                case RATIO ->
                    Statistics.ratio(new Statistics.Covariate(
                            exposed,
                            total.sum(),
                            total.sumSquares(),
                            total.sumDen(),
                            total.sumDenSquares(),
                            total.sumCross()));
            };
        }

        Statistics.Covariate covariate() {
            return new Statistics.Covariate(
                    exposed,
                    total.sum(),
                    total.sumSquares(),
                    total.sumPre(),
                    total.sumPreSquares(),
                    total.sumPreCross());
        }
    }

    static ExperimentResults results(
            Experiment e, List<JdbcExperiments.Exposures> exposures, List<JdbcExperiments.Total> totals) {
        int k = e.variants().size();
        // device -> variant -> exposed units; device -> "metric|variant" -> sums (ALL: over every device)
        Map<String, Map<String, Long>> exposed = new TreeMap<>();
        for (JdbcExperiments.Exposures x : exposures) {
            exposed.computeIfAbsent(x.device(), d -> new HashMap<>()).merge(x.variant(), x.units(), Long::sum);
            exposed.computeIfAbsent(ALL, d -> new HashMap<>()).merge(x.variant(), x.units(), Long::sum);
        }
        Map<String, Map<String, JdbcExperiments.Total>> sums = new HashMap<>();
        for (JdbcExperiments.Total t : totals) {
            sums.computeIfAbsent(t.device(), d -> new HashMap<>())
                    .merge(t.metric() + "|" + t.variant(), t, JdbcExperiments.Total::plus);
            sums.computeIfAbsent(ALL, d -> new HashMap<>())
                    .merge(t.metric() + "|" + t.variant(), t, JdbcExperiments.Total::plus);
        }

        long[] observed = new long[k];
        double[] weights = new double[k];
        List<ExperimentResults.VariantUnits> units = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Experiment.Variant v = e.variants().get(i);
            observed[i] = exposed.getOrDefault(ALL, Map.of()).getOrDefault(v.key(), 0L);
            weights[i] = v.weight();
            units.add(new ExperimentResults.VariantUnits(v.key(), observed[i], v.weight() / 100.0));
        }

        // every treatment against the control, per metric; Holm over all of them before the results are put together
        List<Sample[]> samples = new ArrayList<>();
        List<Sample[][]> compared = new ArrayList<>();
        List<Results.Frequentist> tests = new ArrayList<>();
        double[] reduction = new double[e.metrics().size()];
        boolean[] cuped = new boolean[e.metrics().size()];
        for (int mi = 0; mi < e.metrics().size(); mi++) {
            Metric m = e.metrics().get(mi);
            Cell[] cells = cells(e, m, ALL, exposed, sums);
            Sample[] s = new Sample[k];
            for (int i = 0; i < k; i++) {
                s[i] = cells[i].sample(m);
            }
            samples.add(s);
            cuped[mi] = JdbcExperiments.cupedApplies(m) && usable(cells);
            Sample[][] pairs = new Sample[k][];
            double before = 0;
            double after = 0;
            for (int i = 1; i < k; i++) {
                pairs[i] = cuped[mi]
                        ? Statistics.cuped(cells[0].covariate(), cells[i].covariate())
                        : new Sample[] {s[0], s[i]};
                before += s[0].variance() / Math.max(1, s[0].n()) + s[i].variance() / Math.max(1, s[i].n());
                after += pairs[i][0].variance() / Math.max(1, pairs[i][0].n())
                        + pairs[i][1].variance() / Math.max(1, pairs[i][1].n());
                tests.add(Statistics.welch(
                        pairs[i][0], pairs[i][1], Results.Difference.RELATIVE, ALPHA, Results.Sided.TWO_SIDED));
            }
            reduction[mi] = cuped[mi] && before > 0 ? Math.max(0, 1 - after / before) : 0;
            compared.add(pairs);
        }
        double[] adjusted = Statistics.holm(
                tests.stream().mapToDouble(Results.Frequentist::pValue).toArray());

        List<ExperimentResults.MetricResult> metrics = new ArrayList<>();
        int t = 0;
        for (int mi = 0; mi < e.metrics().size(); mi++) {
            Metric m = e.metrics().get(mi);
            Sample[] s = samples.get(mi);
            List<VariantValue> values = new ArrayList<>();
            List<Comparison> comparisons = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                values.add(new VariantValue(e.variants().get(i).key(), s[i].n(), s[i].mean()));
                if (i > 0) {
                    Sample[] pair = compared.get(mi)[i];
                    comparisons.add(compare(e.variants().get(i).key(), m, pair[0], pair[1], tests.get(t), adjusted[t]));
                    t++;
                }
            }
            metrics.add(new ExperimentResults.MetricResult(
                    m.key(),
                    m.kind().name().toLowerCase(Locale.ROOT),
                    m.guardrail(),
                    m.lowerIsBetter(),
                    values,
                    comparisons,
                    cuped[mi],
                    reduction[mi]));
        }

        List<ExperimentResults.Segment> segments = segments(e, exposed, sums);
        Metric primary = e.metrics().get(0);
        double[] best = Statistics.chanceToBeBest(
                samples.get(0), primary.lowerIsBetter(), 20_000, e.id() == null ? 1 : e.id().hashCode());
        List<Double> chanceToBeBest = new ArrayList<>();
        for (double b : best) {
            chanceToBeBest.add(b);
        }
        Results.SampleRatio ratio = e.definition().mode() == Experiment.Mode.AB
                ? Statistics.sampleRatio(observed, weights)
                : new Results.SampleRatio(0, 1, false);
        return new ExperimentResults(e.id(), units, ratio, metrics, segments, chanceToBeBest);
    }

    private static Cell[] cells(
            Experiment e,
            Metric m,
            String device,
            Map<String, Map<String, Long>> exposed,
            Map<String, Map<String, JdbcExperiments.Total>> sums) {
        Cell[] cells = new Cell[e.variants().size()];
        for (int i = 0; i < cells.length; i++) {
            String v = e.variants().get(i).key();
            JdbcExperiments.Total total = sums.getOrDefault(device, Map.of()).get(m.key() + "|" + v);
            cells[i] = new Cell(
                    exposed.getOrDefault(device, Map.of()).getOrDefault(v, 0L),
                    total == null ? JdbcExperiments.Total.zero(m.key(), v, device) : total);
        }
        return cells;
    }

    /** CUPED needs pre-exposure data that vary, and two units per variant. */
    private static boolean usable(Cell[] cells) {
        double pre = 0;
        for (Cell c : cells) {
            if (c.exposed() < 2) {
                return false;
            }
            Statistics.Covariate cov = c.covariate();
            pre += cov.sumX2() - cov.sumX() * cov.sumX() / cov.n();
        }
        return pre > 1e-9;
    }

    /**
     * A treatment against the control, with the Bayesian side turned to the metric's direction: the chance to win is
     * the chance it is better (lower, for a lower-is-better metric) and the risks are the expected losses of each choice.
     */
    private static Comparison compare(
            String variant, Metric m, Sample control, Sample treatment, Results.Frequentist test, double adjusted) {
        Results.Bayesian b = Statistics.bayesian(control, treatment, Results.Difference.RELATIVE, ALPHA, null, null);
        if (m.lowerIsBetter()) {
            b = new Results.Bayesian(
                    b.estimate(),
                    b.standardDeviation(),
                    b.interval(),
                    1 - b.chanceToWin(),
                    b.riskOfTreatment(),
                    b.riskOfControl());
        }
        return new Comparison(
                variant,
                test,
                adjusted,
                Statistics.sequential(
                        control,
                        treatment,
                        Results.Difference.RELATIVE,
                        ALPHA,
                        Results.Sided.TWO_SIDED,
                        SEQUENTIAL_TAU),
                b);
    }

    /** The primary metric per device class with units (Holm over the classes' comparisons). */
    private static List<ExperimentResults.Segment> segments(
            Experiment e,
            Map<String, Map<String, Long>> exposed,
            Map<String, Map<String, JdbcExperiments.Total>> sums) {
        Metric m = e.metrics().get(0);
        List<String> devices =
                exposed.keySet().stream().filter(d -> !ALL.equals(d)).toList();
        List<Sample[]> perDevice = new ArrayList<>();
        List<Results.Frequentist> tests = new ArrayList<>();
        for (String device : devices) {
            Cell[] cells = cells(e, m, device, exposed, sums);
            Sample[] s = new Sample[cells.length];
            for (int i = 0; i < cells.length; i++) {
                s[i] = cells[i].sample(m);
                if (i > 0) {
                    tests.add(
                            Statistics.welch(s[0], s[i], Results.Difference.RELATIVE, ALPHA, Results.Sided.TWO_SIDED));
                }
            }
            perDevice.add(s);
        }
        double[] adjusted = Statistics.holm(
                tests.stream().mapToDouble(Results.Frequentist::pValue).toArray());
        List<ExperimentResults.Segment> segments = new ArrayList<>();
        int t = 0;
        for (int d = 0; d < devices.size(); d++) {
            Sample[] s = perDevice.get(d);
            List<VariantValue> values = new ArrayList<>();
            List<Comparison> comparisons = new ArrayList<>();
            for (int i = 0; i < s.length; i++) {
                values.add(new VariantValue(e.variants().get(i).key(), s[i].n(), s[i].mean()));
                if (i > 0) {
                    comparisons.add(compare(e.variants().get(i).key(), m, s[0], s[i], tests.get(t), adjusted[t]));
                    t++;
                }
            }
            segments.add(new ExperimentResults.Segment(devices.get(d), values, comparisons));
        }
        return segments;
    }

    /** The results as snapshot rows: each variant's mean and units per metric, and each treatment's effect, interval, chance. */
    static List<ExperimentResults.Snapshot> snapshot(ExperimentResults r, Instant at) {
        List<ExperimentResults.Snapshot> rows = new ArrayList<>();
        for (ExperimentResults.MetricResult m : r.metrics()) {
            Map<String, Comparison> byVariant = new HashMap<>();
            m.comparisons().forEach(c -> byVariant.put(c.variant(), c));
            for (VariantValue v : m.values()) {
                Comparison c = byVariant.get(v.variant());
                rows.add(new ExperimentResults.Snapshot(
                        at,
                        m.metric(),
                        v.variant(),
                        v.n(),
                        v.mean(),
                        c == null ? null : c.frequentist().estimate(),
                        c == null ? null : c.frequentist().interval().lower(),
                        c == null ? null : c.frequentist().interval().upper(),
                        c == null ? null : c.bayesian().chanceToWin()));
            }
        }
        return rows;
    }
}
