package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.stats.Results;
import dev.attune.personalization.internal.experiments.DefinitionJson;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Locale;

/** The experiments' wire format. */
final class ExperimentsJson {
    private ExperimentsJson() {}

    static JsonObjectBuilder experiment(Experiment e) {
        var o = DefinitionJson.definition(e.definition())
                .add("id", e.id().toString())
                .add("siteId", e.siteId().toString())
                .add("status", e.status().name().toLowerCase(Locale.ROOT));
        if (e.liveWeights() != null) {
            JsonArrayBuilder w = JSON.createArrayBuilder();
            e.liveWeights().forEach(w::add);
            o.add("liveBasisPoints", w);
            if (e.weightsAt() != null) {
                o.add("weightsAt", e.weightsAt().toString());
            }
        }
        if (e.alert() != null) {
            o.add("alert", e.alert()).add("alertAt", e.alertAt().toString());
        }
        if (e.createdAt() != null) {
            o.add("createdAt", e.createdAt().toString());
        }
        if (e.startedAt() != null) {
            o.add("startedAt", e.startedAt().toString());
        }
        if (e.stoppedAt() != null) {
            o.add("stoppedAt", e.stoppedAt().toString());
        }
        return o;
    }

    static JsonObjectBuilder results(ExperimentResults r) {
        JsonArrayBuilder units = JSON.createArrayBuilder();
        for (int i = 0; i < r.units().size(); i++) {
            ExperimentResults.VariantUnits u = r.units().get(i);
            units.add(JSON.createObjectBuilder()
                    .add("variant", u.variant())
                    .add("units", u.units())
                    .add("expectedShare", u.expectedShare())
                    .add("chanceToBeBest", r.chanceToBeBest().get(i)));
        }
        JsonArrayBuilder metrics = JSON.createArrayBuilder();
        for (ExperimentResults.MetricResult m : r.metrics()) {
            metrics.add(JSON.createObjectBuilder()
                    .add("metric", m.metric())
                    .add("kind", m.kind())
                    .add("guardrail", m.guardrail())
                    .add("lowerIsBetter", m.lowerIsBetter())
                    .add("cuped", m.cuped())
                    .add("varianceReduction", m.varianceReduction())
                    .add("values", values(m.values()))
                    .add("comparisons", comparisons(m.comparisons())));
        }
        JsonArrayBuilder segments = JSON.createArrayBuilder();
        r.segments()
                .forEach(s -> segments.add(JSON.createObjectBuilder()
                        .add("device", s.device())
                        .add("values", values(s.values()))
                        .add("comparisons", comparisons(s.comparisons()))));
        return JSON.createObjectBuilder()
                .add("experimentId", r.experimentId().toString())
                .add("units", units)
                .add(
                        "sampleRatio",
                        JSON.createObjectBuilder()
                                .add("chiSquare", r.sampleRatio().chiSquare())
                                .add("pValue", r.sampleRatio().pValue())
                                .add("mismatch", r.sampleRatio().mismatch()))
                .add("metrics", metrics)
                .add("segments", segments);
    }

    private static JsonArrayBuilder values(List<ExperimentResults.VariantValue> values) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        values.forEach(v -> a.add(JSON.createObjectBuilder()
                .add("variant", v.variant())
                .add("n", v.n())
                .add("mean", v.mean())));
        return a;
    }

    private static JsonArrayBuilder comparisons(List<ExperimentResults.Comparison> comparisons) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (ExperimentResults.Comparison c : comparisons) {
            a.add(JSON.createObjectBuilder()
                    .add("variant", c.variant())
                    .add("relativeEffect", c.frequentist().estimate())
                    .add("standardError", c.frequentist().standardError())
                    .add("interval", interval(c.frequentist().interval()))
                    .add("pValue", c.frequentist().pValue())
                    .add("adjustedPValue", c.adjustedPValue())
                    .add("sequentialInterval", interval(c.sequential().interval()))
                    .add("sequentialPValue", c.sequential().pValue())
                    .add("chanceToWin", c.bayesian().chanceToWin())
                    .add("riskOfShipping", c.bayesian().riskOfTreatment())
                    .add("riskOfKeepingControl", c.bayesian().riskOfControl()));
        }
        return a;
    }

    static JsonObjectBuilder history(List<ExperimentResults.Snapshot> snapshots) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (ExperimentResults.Snapshot s : snapshots) {
            var o = JSON.createObjectBuilder()
                    .add("takenAt", s.takenAt().toString())
                    .add("metric", s.metric())
                    .add("variant", s.variant())
                    .add("units", s.units())
                    .add("mean", s.mean());
            if (s.effect() != null) {
                o.add("relativeEffect", s.effect());
            }
            if (s.lower() != null && s.upper() != null) {
                o.add("interval", JSON.createArrayBuilder().add(s.lower()).add(s.upper()));
            }
            if (s.chanceToWin() != null) {
                o.add("chanceToWin", s.chanceToWin());
            }
            a.add(o);
        }
        return JSON.createObjectBuilder().add("snapshots", a);
    }

    private static JsonArrayBuilder interval(Results.Interval i) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (double x : new double[] {i.lower(), i.upper()}) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else {
                a.add(Double.isNaN(x) ? "nan" : x > 0 ? "+inf" : "-inf");
            }
        }
        return a;
    }
}
