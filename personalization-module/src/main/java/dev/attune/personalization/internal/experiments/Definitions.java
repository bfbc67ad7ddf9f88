package dev.attune.personalization.internal.experiments;

import dev.attune.feedback.api.EventType;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Definition;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.Experiment.Variant;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.JsonSupport;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** The checks a definition must pass, alone, against the experiment it edits, and against the others in its layer. */
final class Definitions {
    static final Set<String> DEVICES = Set.of("desktop", "mobile", "tablet");

    private Definitions() {}

    /** Everything wrong with a definition on its own, each with its field. */
    static List<FieldError> check(Definition d, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (d.key() == null || !d.key().matches("[a-z0-9][a-z0-9_-]{0,59}")) {
            errors.add(new FieldError("key", "must be 1 to 60 lower-case letters, digits, - or _"));
        }
        if (d.name() == null || d.name().isBlank() || d.name().length() > 100) {
            errors.add(new FieldError("name", "is required, at most 100 characters"));
        }
        if (d.hypothesis() != null && d.hypothesis().length() > 2000) {
            errors.add(new FieldError("hypothesis", "at most 2000 characters"));
        }
        List<Variant> variants = d.variants();
        if (variants == null || variants.size() < 2 || variants.size() > 10) {
            errors.add(new FieldError("variants", "must be 2 to 10 variants; the first is the control"));
        } else {
            Set<String> keys = new HashSet<>();
            int sum = 0;
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get(i);
                if (v.key() == null || !v.key().matches("[A-Za-z0-9_-]{1,40}") || !keys.add(v.key())) {
                    errors.add(new FieldError(
                            "variants/" + i + "/key", "must be unique, 1 to 40 letters, digits, - or _"));
                }
                if (v.weight() < 1 || v.weight() > 99) {
                    errors.add(new FieldError("variants/" + i + "/weight", "must be 1 to 99"));
                }
                if (v.payloadJson() != null && v.payloadJson().length() > 10_000) {
                    errors.add(new FieldError("variants/" + i + "/payload", "at most 10,000 characters of JSON"));
                }
                sum += v.weight();
            }
            if (sum != 100) {
                errors.add(new FieldError("variants", "weights must sum to 100 (they sum to " + sum + ")"));
            }
        }
        if (d.trafficPercent() < 1 || d.trafficPercent() > 100) {
            errors.add(new FieldError("trafficPercent", "must be 1 to 100"));
        }
        if (d.layer() != null) {
            if (d.layer().name() == null || !d.layer().name().matches("[a-z0-9][a-z0-9_-]{0,39}")) {
                errors.add(new FieldError("layer/name", "must be 1 to 40 lower-case letters, digits, - or _"));
            }
            if (d.layer().from() < 0 || d.layer().from() + d.trafficPercent() > 100) {
                errors.add(new FieldError(
                        "layer/from",
                        "the experiment takes the layer's buckets from .. from + trafficPercent - 1, "
                                + "within 0 .. 99 (from " + d.layer().from() + " with " + d.trafficPercent()
                                + " % does not fit)"));
            }
        }
        for (int i = 0; i < d.targeting().urlPatterns().size(); i++) {
            String p = d.targeting().urlPatterns().get(i);
            if (p == null || p.isBlank() || p.length() > 300) {
                errors.add(new FieldError(
                        "targeting/urlPatterns/" + i,
                        "must be a URL glob (* for any characters), at most 300 characters"));
            }
        }
        for (String device : d.targeting().devices()) {
            if (!DEVICES.contains(device)) {
                errors.add(
                        new FieldError("targeting/devices", "must be desktop, mobile or tablet (not " + device + ")"));
            }
        }
        for (String segment : d.targeting().segments()) {
            if (segment == null || !segment.matches("[a-z0-9][a-z0-9_-]{0,59}")) {
                errors.add(new FieldError("targeting/segments", "must be segment keys (not " + segment + ")"));
            }
        }
        checkMetrics(d, errors);
        if (d.startAt() != null && d.stopAt() != null && !d.stopAt().isAfter(d.startAt())) {
            errors.add(new FieldError("stopAt", "must be after startAt"));
        }
        if (d.stopAt() != null && now != null && !d.stopAt().isAfter(now)) {
            errors.add(new FieldError("stopAt", "must be in the future"));
        }
        return errors;
    }

    private static void checkMetrics(Definition d, List<FieldError> errors) {
        List<Metric> metrics = d.metrics();
        if (metrics == null || metrics.isEmpty() || metrics.size() > 20) {
            errors.add(new FieldError("metrics", "must be 1 to 20 metrics; the first is the primary one"));
            return;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            String at = "metrics/" + i;
            if (m.key() == null || !m.key().matches("[a-z0-9_-]{1,40}") || !keys.add(m.key())) {
                errors.add(new FieldError(at + "/key", "must be unique, 1 to 40 lower-case letters, digits, - or _"));
            }
            if (m.eventType() == null || EventType.fromWire(m.eventType()).isEmpty()) {
                errors.add(new FieldError(at + "/eventType", "is not an event type (" + m.eventType() + ")"));
            }
            if (m.kind() == null) {
                errors.add(new FieldError(at + "/kind", "must be conversion, sum, mean, nps or ratio"));
            } else if (m.kind() == Metric.Kind.NPS && !"nps".equals(m.eventType())) {
                errors.add(new FieldError(at + "/eventType", "an nps metric is computed from nps events"));
            } else if (m.kind() == Metric.Kind.RATIO) {
                if (m.denominatorEventType() == null
                        || EventType.fromWire(m.denominatorEventType()).isEmpty()) {
                    errors.add(new FieldError(
                            at + "/denominatorEventType", "a ratio metric needs the event type it divides by"));
                }
            } else if (m.denominatorEventType() != null) {
                errors.add(new FieldError(at + "/denominatorEventType", "only a ratio metric has a denominator"));
            }
            if (m.windowHours() < 1 || m.windowHours() > 24 * 90) {
                errors.add(new FieldError(at + "/windowHours", "must be 1 to 2160"));
            }
        }
        if (d.mode() == Experiment.Mode.BANDIT
                && metrics.get(0).kind() != null
                && metrics.get(0).kind() != Metric.Kind.CONVERSION
                && metrics.get(0).kind() != Metric.Kind.MEAN
                && metrics.get(0).kind() != Metric.Kind.SUM) {
            errors.add(
                    new FieldError("metrics/0/kind", "a bandit optimises its first metric: conversion, sum or mean"));
        }
    }

    /** What a running (or finished) experiment may not change: each changed field, named. */
    static List<FieldError> frozen(Experiment current, Definition next) {
        List<FieldError> errors = new ArrayList<>();
        Definition d = current.definition();
        String why = "cannot change while the experiment is "
                + current.status().name().toLowerCase(Locale.ROOT)
                + ": it would change what its numbers mean (stop it and start a new one)";
        if (!Objects.equals(d.key(), next.key())) {
            errors.add(new FieldError("key", why));
        }
        if (d.mode() != next.mode()) {
            errors.add(new FieldError("mode", why));
        }
        if (!sameVariants(d.variants(), next.variants())) {
            errors.add(new FieldError("variants", why));
        }
        if (d.trafficPercent() != next.trafficPercent()) {
            errors.add(new FieldError("trafficPercent", why));
        }
        if (!Objects.equals(d.targeting(), next.targeting())) {
            errors.add(new FieldError("targeting", why));
        }
        if (!Objects.equals(d.layer(), next.layer())) {
            errors.add(new FieldError("layer", why));
        }
        if (!Objects.equals(d.metrics(), next.metrics())) {
            errors.add(new FieldError("metrics", why));
        }
        if (!Objects.equals(d.startAt(), next.startAt())) {
            errors.add(new FieldError("startAt", "the experiment has started"));
        }
        if (current.status() != Experiment.Status.RUNNING) {
            if (d.autoStop() != next.autoStop()) {
                errors.add(new FieldError("autoStop", why));
            }
            if (!Objects.equals(d.stopAt(), next.stopAt())) {
                errors.add(new FieldError("stopAt", "the experiment has stopped"));
            }
        }
        return errors;
    }

    /** Same keys, weights and payloads (payloads compared as JSON values: key order and spacing do not matter). */
    static boolean sameVariants(List<Variant> a, List<Variant> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Variant x = a.get(i);
            Variant y = b.get(i);
            if (!Objects.equals(x.key(), y.key())
                    || x.weight() != y.weight()
                    || !Objects.equals(json(x.payloadJson()), json(y.payloadJson()))) {
                return false;
            }
        }
        return true;
    }

    private static JsonValue json(String payload) {
        return payload == null
                ? null
                : JsonSupport.JSON.createReader(new StringReader(payload)).readValue();
    }

    /** The first experiment in the same layer whose buckets overlap this one's, as a field error; null when none. */
    static FieldError overlap(Definition d, List<Experiment> sameLayer) {
        if (d.layer() == null) {
            return null;
        }
        int from = d.layer().from();
        int to = from + d.trafficPercent();
        for (Experiment other : sameLayer) {
            Experiment.Layer l = other.definition().layer();
            int otherTo = l.from() + other.trafficPercent();
            if (from < otherTo && l.from() < to) {
                return new FieldError(
                        "layer/from",
                        "buckets " + from + ".." + (to - 1) + " of layer " + l.name() + " overlap experiment "
                                + other.key() + " (" + l.from() + ".." + (otherTo - 1) + "); free buckets: "
                                + free(sameLayer));
            }
        }
        return null;
    }

    private static String free(List<Experiment> sameLayer) {
        boolean[] taken = new boolean[100];
        for (Experiment e : sameLayer) {
            for (int b = e.definition().layer().from();
                    b < e.definition().layer().from() + e.trafficPercent() && b < 100;
                    b++) {
                taken[b] = true;
            }
        }
        List<String> ranges = new ArrayList<>();
        for (int b = 0; b < 100; b++) {
            if (!taken[b]) {
                int start = b;
                while (b + 1 < 100 && !taken[b + 1]) {
                    b++;
                }
                ranges.add(start + ".." + b);
            }
        }
        return ranges.isEmpty() ? "none" : String.join(", ", ranges);
    }
}
