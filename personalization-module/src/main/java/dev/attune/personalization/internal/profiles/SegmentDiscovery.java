package dev.attune.personalization.internal.profiles;

import dev.attune.personalization.api.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.DoublePoint;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.clustering.distance.EuclideanDistance;
import org.hipparchus.random.Well19937c;

/**
 * Finds groups in profiles: each profile becomes a vector of features (activity, engagement, rating, NPS,
 * sentiment, mobile share, purchase share, days since last seen), features are standardised, and k-means++ (seeded,
 * so the same profiles give the same groups) splits them; each group is described by the features whose average
 * lies furthest from everyone's, in words.
 */
final class SegmentDiscovery {
    static final String[] FEATURES = {
        "events", "engagement", "averageRating", "nps", "sentiment", "mobileShare", "purchaseShare", "daysSinceLastSeen"
    };

    /** A found group: its members' count, their average per feature (in the features' own units) and a description. */
    record Group(long size, Map<String, Double> averages, String description) {}

    private SegmentDiscovery() {}

    static double[] features(Profile p, Instant now) {
        long purchases = p.eventTypes().getOrDefault("purchase", 0L);
        return new double[] {
            Math.log1p(p.events()),
            Math.log1p(Math.max(0, p.engagement())),
            p.averageRating() == null ? Double.NaN : p.averageRating(),
            p.latestNps() == null ? Double.NaN : p.latestNps(),
            p.sentiment() == null ? Double.NaN : p.sentiment(),
            p.events() == 0 ? 0 : p.devices().getOrDefault("mobile", 0L) / (double) p.events(),
            p.events() == 0 ? 0 : purchases / (double) p.events(),
            Math.max(0, (now.toEpochMilli() - p.lastSeen().toEpochMilli()) / 86_400_000d)
        };
    }

    /** Groups of the profiles (at most k, fewer when there are few profiles); empty under 10 profiles. */
    static List<Group> discover(List<Profile> profiles, int k, Instant now) {
        int n = profiles.size();
        if (n < 10) {
            return List.of();
        }
        int dims = FEATURES.length;
        double[][] raw = new double[n][];
        for (int i = 0; i < n; i++) {
            raw[i] = features(profiles.get(i), now);
        }
        // missing values (no rating, no NPS answer, no text) take the feature's mean; then z-scores
        double[] mean = new double[dims];
        double[] sd = new double[dims];
        for (int d = 0; d < dims; d++) {
            double sum = 0;
            int count = 0;
            for (double[] r : raw) {
                if (!Double.isNaN(r[d])) {
                    sum += r[d];
                    count++;
                }
            }
            mean[d] = count == 0 ? 0 : sum / count;
            double squares = 0;
            for (double[] r : raw) {
                if (Double.isNaN(r[d])) {
                    r[d] = mean[d];
                }
                squares += (r[d] - mean[d]) * (r[d] - mean[d]);
            }
            sd[d] = Math.sqrt(squares / n);
        }
        List<DoublePoint> points = new ArrayList<>();
        for (double[] r : raw) {
            double[] z = new double[dims];
            for (int d = 0; d < dims; d++) {
                z[d] = sd[d] == 0 ? 0 : (r[d] - mean[d]) / sd[d];
            }
            points.add(new DoublePoint(z));
        }
        long distinct = points.stream()
                .map(pt -> Arrays.toString(Arrays.stream(pt.getPoint())
                        .map(v -> Math.round(v * 1e6) / 1e6)
                        .toArray()))
                .distinct()
                .count();
        int groups = (int) Math.min(Math.max(2, Math.min(k, n / 5)), distinct);
        if (groups < 2) {
            return List.of(); // everyone alike: nothing to tell apart
        }
        List<CentroidCluster<DoublePoint>> clusters = new KMeansPlusPlusClusterer<DoublePoint>(
                        groups, 100, new EuclideanDistance(), new Well19937c(42))
                .cluster(points);
        List<Group> result = new ArrayList<>();
        for (CentroidCluster<DoublePoint> c : clusters) {
            if (c.getPoints().isEmpty()) {
                continue;
            }
            double[] z = c.getCenter().getPoint();
            Map<String, Double> averages = new LinkedHashMap<>();
            for (int d = 0; d < dims; d++) {
                double value = mean[d] + z[d] * sd[d];
                averages.put(FEATURES[d], d < 2 ? Math.expm1(value) : value);
            }
            result.add(new Group(c.getPoints().size(), averages, describe(z, averages)));
        }
        result.sort(Comparator.comparingLong(Group::size).reversed());
        return result;
    }

    /** The two or three features furthest from everyone's average (at least half a standard deviation), in words. */
    static String describe(double[] z, Map<String, Double> averages) {
        List<Integer> order = new ArrayList<>();
        for (int d = 0; d < z.length; d++) {
            order.add(d);
        }
        order.sort(Comparator.comparingDouble(d -> -Math.abs(z[d])));
        List<String> words = new ArrayList<>();
        for (int d : order) {
            if (Math.abs(z[d]) < 0.5 || words.size() == 3) {
                break;
            }
            boolean high = z[d] > 0;
            double v = averages.get(FEATURES[d]);
            words.add(
                    switch (FEATURES[d]) {
                        case "events" ->
                            (high ? "very active" : "few events") + String.format(Locale.ROOT, " (%.0f)", v);
                        case "engagement" -> high ? "highly engaged" : "barely engaged";
                        case "averageRating" ->
                            (high ? "rate high" : "rate low") + String.format(Locale.ROOT, " (%.1f ★)", v);
                        case "nps" ->
                            (high ? "promoters" : "detractors") + String.format(Locale.ROOT, " (NPS answer %.1f)", v);
                        case "sentiment" -> high ? "write positively" : "write negatively";
                        case "mobileShare" -> high ? "mostly on mobile" : "mostly on desktop";
                        case "purchaseShare" -> high ? "buy often" : "rarely buy";
                        default -> high ? String.format(Locale.ROOT, "lapsing (%.0f days away)", v) : "recently active";
                    });
        }
        return words.isEmpty() ? "close to the average visitor" : String.join(", ", words);
    }
}
