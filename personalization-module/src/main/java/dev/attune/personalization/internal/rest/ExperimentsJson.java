package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.personalization.api.stats.Results;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.Locale;

/** The experiments' wire format. */
final class ExperimentsJson {
    private ExperimentsJson() {
    }

    static JsonObjectBuilder experiment(Experiment e) {
        JsonArrayBuilder variants = JSON.createArrayBuilder();
        for (Experiment.Variant v : e.variants()) {
            var o = JSON.createObjectBuilder().add("key", v.key()).add("weight", v.weight());
            if (v.payloadJson() != null) {
                o.add("payload", JSON.createReader(new StringReader(v.payloadJson())).readValue());
            }
            variants.add(o);
        }
        JsonArrayBuilder metrics = JSON.createArrayBuilder();
        e.metrics().forEach(m -> metrics.add(JSON.createObjectBuilder().add("key", m.key()).add("kind", m.kind().name().toLowerCase(Locale.ROOT))
                .add("eventType", m.eventType()).add("windowHours", m.windowHours()).add("guardrail", m.guardrail())));
        var o = JSON.createObjectBuilder().add("id", e.id().toString()).add("siteId", e.siteId().toString()).add("key", e.key())
                .add("name", e.name()).add("status", e.status().name().toLowerCase(Locale.ROOT)).add("variants", variants)
                .add("trafficPercent", e.trafficPercent()).add("metrics", metrics).add("autoStop", e.autoStop());
        if (e.alert() != null) {
            o.add("alert", e.alert()).add("alertAt", e.alertAt().toString());
        }
        if (e.hypothesis() != null) {
            o.add("hypothesis", e.hypothesis());
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
        r.units().forEach(u -> units.add(JSON.createObjectBuilder().add("variant", u.variant()).add("units", u.units())
                .add("expectedShare", u.expectedShare())));
        JsonArrayBuilder metrics = JSON.createArrayBuilder();
        for (ExperimentResults.MetricResult m : r.metrics()) {
            JsonArrayBuilder values = JSON.createArrayBuilder();
            m.values().forEach(v -> values.add(JSON.createObjectBuilder().add("variant", v.variant()).add("n", v.n()).add("mean", v.mean())));
            JsonArrayBuilder comparisons = JSON.createArrayBuilder();
            for (ExperimentResults.Comparison c : m.comparisons()) {
                comparisons.add(JSON.createObjectBuilder().add("variant", c.variant())
                        .add("relativeEffect", c.frequentist().estimate()).add("standardError", c.frequentist().standardError())
                        .add("interval", interval(c.frequentist().interval())).add("pValue", c.frequentist().pValue())
                        .add("adjustedPValue", c.adjustedPValue())
                        .add("sequentialInterval", interval(c.sequential().interval())).add("sequentialPValue", c.sequential().pValue())
                        .add("chanceToWin", c.bayesian().chanceToWin()).add("riskOfShipping", c.bayesian().riskOfTreatment())
                        .add("riskOfKeepingControl", c.bayesian().riskOfControl()));
            }
            metrics.add(JSON.createObjectBuilder().add("metric", m.metric()).add("kind", m.kind()).add("guardrail", m.guardrail())
                    .add("values", values).add("comparisons", comparisons));
        }
        return JSON.createObjectBuilder().add("experimentId", r.experimentId().toString()).add("units", units)
                .add("sampleRatio", JSON.createObjectBuilder().add("chiSquare", r.sampleRatio().chiSquare())
                        .add("pValue", r.sampleRatio().pValue()).add("mismatch", r.sampleRatio().mismatch()))
                .add("metrics", metrics);
    }

    private static JsonArrayBuilder interval(Results.Interval i) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (double x : new double[] {i.lower(), i.upper()}) {
            if (Double.isFinite(x)) {
                a.add(x);
            } else {
                a.add(x > 0 ? "+inf" : "-inf");
            }
        }
        return a;
    }
}
