package dev.attune.personalization.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An A/B experiment of a site: variants with weights (summing to 100; the first is the control), the share of
 * traffic it takes, and the metrics it is judged by. With {@code autoStop} it stops itself when a guardrail metric is
 * significantly worse or the sample ratio is off; {@code alert} is the latest such finding.
 */
public record Experiment(UUID id, UUID siteId, String key, String name, String hypothesis, Status status,
                         List<Variant> variants, int trafficPercent, List<Metric> metrics, Instant createdAt,
                         Instant startedAt, Instant stoppedAt, boolean autoStop, String alert, Instant alertAt) {

    public enum Status { DRAFT, RUNNING, STOPPED, SHIPPED }

    /** A variant; {@code payload} (JSON) is what the widget or the recommender applies for it. */
    public record Variant(String key, int weight, String payloadJson) {
    }

    /**
     * A metric from events of one type within {@code windowHours} after a unit's exposure: {@code conversion} (did
     * the unit send one), {@code sum} (total of values, or count), {@code mean} (average value among units with one),
     * {@code nps} (on nps events: each answering unit's latest score as promoter +1, passive 0, detractor -1; the
     * mean times 100 is the variant's NPS).
     */
    public record Metric(String key, Kind kind, String eventType, int windowHours, boolean guardrail) {
        public enum Kind { CONVERSION, SUM, MEAN, NPS }
    }
}
