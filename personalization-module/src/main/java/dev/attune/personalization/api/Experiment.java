package dev.attune.personalization.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An experiment of a site: its {@link Definition} (what a product manager edits), its lifecycle, its latest guard
 * alert and, for a bandit, the allocation it serves now ({@code liveWeights}, basis points per variant; null while
 * the defined weights hold).
 */
public record Experiment(
        UUID id,
        UUID siteId,
        Status status,
        Definition definition,
        Instant createdAt,
        Instant startedAt,
        Instant stoppedAt,
        String alert,
        Instant alertAt,
        List<Integer> liveWeights,
        Instant weightsAt) {

    public enum Status {
        DRAFT,
        RUNNING,
        STOPPED,
        SHIPPED
    }

    /** {@code AB}: fixed weights; {@code BANDIT}: Thompson sampling moves traffic to the arm most likely best on the first metric. */
    public enum Mode {
        AB,
        BANDIT
    }

    /**
     * What an experiment is: variants with weights (summing to 100; the first is the control), the share of traffic
     * it takes (of its layer when it has one), who it targets, the metrics it is judged by (the first is the primary
     * one), an optional schedule, and whether the guard may stop it by itself.
     */
    public record Definition(
            String key,
            String name,
            String hypothesis,
            Mode mode,
            List<Variant> variants,
            int trafficPercent,
            Targeting targeting,
            Layer layer,
            List<Metric> metrics,
            boolean autoStop,
            Instant startAt,
            Instant stopAt) {
        public Definition {
            mode = mode == null ? Mode.AB : mode;
            targeting = targeting == null ? Targeting.EVERYONE : targeting;
        }
    }

    /** A variant; {@code payloadJson} is what the widget applies for it: content, a message template, a survey, a strategy. */
    public record Variant(String key, int weight, String payloadJson) {}

    /**
     * Who may enter: page URL globs (any of them; none: every page), device classes (none: every device) and segments
     * (members of any of them, by key; none: everyone).
     */
    public record Targeting(List<String> urlPatterns, Set<String> devices, Set<String> segments) {
        public static final Targeting EVERYONE = new Targeting(List.of(), Set.of(), Set.of());

        public Targeting {
            urlPatterns = urlPatterns == null ? List.of() : List.copyOf(urlPatterns);
            devices = devices == null ? Set.of() : Set.copyOf(devices);
            segments = segments == null ? Set.of() : Set.copyOf(segments);
        }

        public Targeting(List<String> urlPatterns, Set<String> devices) {
            this(urlPatterns, devices, Set.of());
        }
    }

    /**
     * Experiments in one layer are mutually exclusive: each takes the buckets {@code from} to {@code from +
     * trafficPercent - 1} of the layer's 100, and a unit falls in exactly one bucket per layer.
     */
    public record Layer(String name, int from) {}

    /**
     * A metric from events of one type within {@code windowHours} after a unit's exposure: {@code conversion} (did
     * the unit send one), {@code sum} (total of values, or count), {@code mean} (average value among units with one),
     * {@code nps} (each answering unit's latest score as promoter +1, passive 0, detractor -1; times 100 is the NPS),
     * {@code ratio} (sum of values of {@code eventType} over the count of {@code denominatorEventType}, per variant,
     * with delta-method variance). A guardrail alerts when it moves the wrong way; {@code lowerIsBetter} says which.
     */
    public record Metric(
            String key,
            Kind kind,
            String eventType,
            String denominatorEventType,
            int windowHours,
            boolean guardrail,
            boolean lowerIsBetter) {
        public enum Kind {
            CONVERSION,
            SUM,
            MEAN,
            NPS,
            RATIO
        }

        public Metric(String key, Kind kind, String eventType, int windowHours, boolean guardrail) {
            this(key, kind, eventType, null, windowHours, guardrail, false);
        }
    }

    public String key() {
        return definition.key();
    }

    public String name() {
        return definition.name();
    }

    public List<Variant> variants() {
        return definition.variants();
    }

    public List<Metric> metrics() {
        return definition.metrics();
    }

    public int trafficPercent() {
        return definition.trafficPercent();
    }

    public boolean autoStop() {
        return definition.autoStop();
    }

    /** The weights new units are assigned with now, in basis points per variant. */
    public int[] currentBasisPoints() {
        int[] bp = new int[variants().size()];
        for (int i = 0; i < bp.length; i++) {
            bp[i] = liveWeights != null && liveWeights.size() == bp.length
                    ? liveWeights.get(i)
                    : variants().get(i).weight() * 100;
        }
        return bp;
    }
}
