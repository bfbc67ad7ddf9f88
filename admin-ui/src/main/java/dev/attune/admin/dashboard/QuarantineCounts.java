package dev.attune.admin.dashboard;

import dev.attune.feedback.api.QuarantineReason;
import dev.attune.feedback.api.QuarantineService;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Quarantine counts for the dashboard, read through the quarantine service: over time, complete buckets are counted
 * once (one count per reason seen in the range) and kept for the same site and range; the open bucket is counted by
 * reason on every refresh.
 */
final class QuarantineCounts {
    private final QuarantineService quarantine;
    /** Counts of complete buckets, by bucket start; valid for {@link #key} (site and range). */
    private final Map<Instant, Map<QuarantineReason, Long>> closed = new HashMap<>();

    private String key;

    QuarantineCounts(QuarantineService quarantine) {
        this.quarantine = quarantine;
    }

    /** Events quarantined since {@code from}, by reason. */
    Map<QuarantineReason, Long> since(UUID siteId, Instant from) {
        return quarantine.countsByReason(siteId, from);
    }

    /** Events quarantined per bucket (each {@code step} long, the last one open), by reason. */
    Map<QuarantineReason, long[]> overTime(UUID siteId, DashboardRange r, List<Instant> buckets, Duration step) {
        String k = siteId + "|" + r;
        Set<QuarantineReason> reasons = EnumSet.allOf(QuarantineReason.class);
        if (!k.equals(key)) {
            key = k;
            closed.clear();
            reasons = EnumSet.noneOf(QuarantineReason.class);
            reasons.addAll(quarantine.countsByReason(siteId, buckets.get(0)).keySet());
        }
        closed.keySet().removeIf(b -> b.isBefore(buckets.get(0)));
        Map<QuarantineReason, long[]> byReason = new EnumMap<>(QuarantineReason.class);
        for (QuarantineReason reason : QuarantineReason.values()) {
            byReason.put(reason, new long[buckets.size()]);
        }
        for (int i = 0; i < buckets.size(); i++) {
            Instant b = buckets.get(i);
            Map<QuarantineReason, Long> counts;
            if (i == buckets.size() - 1) {
                counts = quarantine.countsByReason(siteId, b);
            } else {
                counts = closed.get(b);
                if (counts == null) {
                    counts = new EnumMap<>(QuarantineReason.class);
                    for (QuarantineReason reason : reasons) {
                        long c = quarantine.count(new QuarantineService.Query(siteId, reason, b, b.plus(step)));
                        if (c > 0) {
                            counts.put(reason, c);
                        }
                    }
                    closed.put(b, counts);
                }
            }
            for (Map.Entry<QuarantineReason, Long> e : counts.entrySet()) {
                byReason.get(e.getKey())[i] = e.getValue();
            }
        }
        return byReason;
    }
}
