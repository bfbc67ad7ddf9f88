package dev.attune.personalization.api.stats;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.stats.Results.Bayesian;
import dev.attune.personalization.api.stats.Results.Difference;
import dev.attune.personalization.api.stats.Results.Frequentist;
import dev.attune.personalization.api.stats.Results.Interval;
import dev.attune.personalization.api.stats.Results.Sided;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays reference cases (the format of ../shared/data/abtest/ab_reference_cases.json: sufficient statistics,
 * config, expected outputs, tolerance) through {@link Statistics}: what the unit test and {@code bench/run
 * abtest-cases FILE} run.
 */
public final class ReferenceCases {
    /** Tolerance when a case names none: the 1e-4. */
    public static final double DEFAULT_TOLERANCE = 1e-4;

    private ReferenceCases() {}

    /** One case's outcome: every expected number compared, the first mismatch (or unsupported method) described. */
    public record Outcome(String id, String method, boolean passed, String detail) {}

    public static List<Outcome> run(Path file) throws IOException {
        JsonObject root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = JSON.createReader(in).readObject();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (JsonValue v : root.getJsonArray("cases")) {
            JsonObject c = v.asJsonObject();
            String id = c.getString("id", "?");
            String method = c.getString("method", "?");
            try {
                Map<String, Object> actual = compute(c);
                String mismatch = compare(c, actual);
                outcomes.add(new Outcome(id, method, mismatch == null, mismatch == null ? "ok" : mismatch));
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(id, method, false, e.toString()));
            }
        }
        return outcomes;
    }

    static Map<String, Object> compute(JsonObject c) {
        String method = c.getString("method");
        JsonObject config =
                c.containsKey("config") && c.get("config") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        Difference difference = "absolute".equals(config.getString("difference_type", "relative"))
                ? Difference.ABSOLUTE
                : Difference.RELATIVE;
        double alpha = number(config, "alpha", 0.05);
        Map<String, Object> out = new LinkedHashMap<>();
        switch (method) {
            case "welch_t_two_sided", "welch_t_one_sided_treatment_greater", "welch_t_one_sided_treatment_lesser" -> {
                Frequentist f = Statistics.welch(
                        sample(c, "control"), sample(c, "treatment"), difference, alpha, sided(method));
                frequentist(out, f);
            }
            case "sequential_two_sided_always_valid",
                    "sequential_one_sided_treatment_greater",
                    "sequential_one_sided_treatment_lesser" -> {
                Frequentist f = Statistics.sequential(
                        sample(c, "control"),
                        sample(c, "treatment"),
                        difference,
                        alpha,
                        sided(method),
                        number(config, "sequential_tuning_parameter", 5000));
                frequentist(out, f);
            }
            case "bayesian_gaussian_effect_flat_prior", "bayesian_gaussian_effect" -> {
                Double priorMean = config.containsKey("prior_mean") ? number(config, "prior_mean", 0) : null;
                Double priorVariance =
                        config.containsKey("prior_variance") ? number(config, "prior_variance", 0) : null;
                Bayesian b = Statistics.bayesian(
                        sample(c, "control"), sample(c, "treatment"), difference, alpha, priorMean, priorVariance);
                out.put("expected", b.estimate());
                out.put("uplift_mean", b.estimate());
                out.put("uplift_stddev", b.standardDeviation());
                out.put("ci", b.interval());
                out.put("chance_to_win", b.chanceToWin());
                out.put("risk", new double[] {b.riskOfControl(), b.riskOfTreatment()});
            }
            case "expected_loss_of_normal_posterior" -> {
                JsonObject in = c.getJsonObject("input");
                out.put("risk", Statistics.risk(number(in, "mu", 0), number(in, "sigma", 0)));
            }
            case "two_proportion_z" -> {
                double level = number(config, "interval_size", 0.95);
                boolean relative = c.getString("id").contains("_rel")
                        || "relative".equals(config.getString("difference_type", ""));
                Frequentist f = Statistics.twoProportions(
                        sample(c, "control"),
                        sample(c, "treatment"),
                        level,
                        relative ? Difference.RELATIVE : Difference.ABSOLUTE);
                out.put("difference", f.estimate());
                out.put("ci", f.interval());
                out.put("p_value", f.pValue());
            }
            case "power_two_sided_z" -> {
                JsonObject in = c.getJsonObject("input");
                out.put(
                        "power",
                        Statistics.power(
                                number(in, "mde_absolute", 0),
                                number(in, "baseline_variance", 0),
                                number(in, "alpha", 0.05),
                                (long) number(in, "n1", 0),
                                (long) number(in, "n2", 0)));
            }
            default -> throw new IllegalArgumentException("unsupported method " + method);
        }
        return out;
    }

    private static void frequentist(Map<String, Object> out, Frequentist f) {
        out.put("expected", f.estimate());
        out.put("uplift_mean", f.estimate());
        out.put("uplift_stddev", f.standardError());
        out.put("ci", f.interval());
        out.put("p_value", f.pValue());
    }

    private static Sided sided(String method) {
        return method.endsWith("greater") ? Sided.GREATER : method.endsWith("lesser") ? Sided.LESSER : Sided.TWO_SIDED;
    }

    private static Sample sample(JsonObject c, String which) {
        JsonObject s = c.getJsonObject(which);
        long n = (long) number(s, "n", 0);
        double sum = number(s, "sum", 0);
        return "proportion".equals(s.getString("type", "sample_mean"))
                ? Sample.proportion(sum, n)
                : Sample.mean(sum, number(s, "sum_squares", 0), n);
    }

    /** Null when every expected value matches within the case's tolerance. */
    static String compare(JsonObject c, Map<String, Object> actual) {
        JsonObject expected = c.getJsonObject("expected");
        double abs = c.containsKey("tolerance_abs") ? number(c, "tolerance_abs", DEFAULT_TOLERANCE) : -1;
        double rel = c.containsKey("tolerance_rel") ? number(c, "tolerance_rel", 0) : -1;
        if (abs < 0 && rel < 0) {
            abs = DEFAULT_TOLERANCE;
        }
        for (var entry : expected.entrySet()) {
            Object got = actual.get(entry.getKey());
            if (got == null) {
                return entry.getKey() + ": not computed";
            }
            List<Double> want = values(entry.getValue());
            List<Double> have = got instanceof Interval i
                    ? List.of(i.lower(), i.upper())
                    : got instanceof double[] d ? Arrays.stream(d).boxed().toList() : List.of((Double) got);
            if (want.size() != have.size()) {
                return entry.getKey() + ": expected " + want + ", got " + have;
            }
            for (int i = 0; i < want.size(); i++) {
                double w = want.get(i);
                double h = have.get(i);
                boolean ok = Double.isInfinite(w)
                        ? w == h
                        : Math.abs(w - h) <= (rel >= 0 ? rel * Math.abs(w) : abs) + Math.ulp(w);
                if (!ok) {
                    return String.format(Locale.ROOT, "%s: expected %s, got %s", entry.getKey(), want, have);
                }
            }
        }
        return null;
    }

    private static List<Double> values(JsonValue v) {
        if (v instanceof JsonNumber n) {
            return List.of(n.doubleValue());
        }
        if (v instanceof JsonString s) {
            return List.of(parse(s.getString()));
        }
        List<Double> list = new ArrayList<>();
        for (JsonValue x : v.asJsonArray()) {
            list.add(x instanceof JsonNumber n ? n.doubleValue() : parse(((JsonString) x).getString()));
        }
        return list;
    }

    private static double parse(String s) {
        return switch (s) {
            case "+inf", "inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static double number(JsonObject o, String field, double fallback) {
        return o.get(field) instanceof JsonNumber n ? n.doubleValue() : fallback;
    }
}
