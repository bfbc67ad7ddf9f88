package dev.attune.personalization.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Dashboard KPIs of a site over a time range, from rollups kept incrementally as events arrive (per minute, device class
 * and language): totals, a time series, and the same figures broken down by device and by language side by side.
 */
public interface KpiService {

    enum Bucket {
        MINUTE,
        HOUR,
        DAY
    }

    /**
     * The figures of one slice. Rates and means are null when their denominator is 0. {@code nps} is promoters minus
     * detractors as a percentage of NPS answers; {@code interactionRate} explicit feedback per page view.
     */
    record Values(
            long events,
            long pageViews,
            long explicit,
            long ratings,
            Double averageRating,
            long promoters,
            long passives,
            long detractors,
            Double nps,
            long csatAnswers,
            Double averageCsat,
            Double csatSatisfiedShare,
            long sentimentTexts,
            Double averageSentiment,
            long thumbsUp,
            long thumbsDown,
            long clicks,
            long carts,
            long purchases,
            double revenue,
            Double interactionRate,
            Double conversionRate) {}

    String NO_SEGMENT = "(none)";

    record Point(Instant bucket, Values values) {}

    /** Served recommendation lists and those that earned a click, cart, purchase or good rating (within 30 minutes). */
    record Recommendations(long served, long rewarded, Double clickThrough, List<RecommendationPoint> series) {}

    record RecommendationPoint(Instant bucket, long served, long rewarded) {}

    /**
     * {@code bySegment}: per segment the person was in when the event arrived ({@value #NO_SEGMENT} for none); only
     * events of persons with a profile, and a person in two segments counts in both.
     */
    record Kpis(
            Instant from,
            Instant to,
            Bucket bucket,
            Values totals,
            List<Point> series,
            Map<String, Values> byDevice,
            Map<String, Values> byLocale,
            Map<String, Values> bySegment,
            Recommendations recommendations,
            double eventsPerSecond) {}

    /** {@code device} and {@code locale} filter when not null. Pending increments are included (at most ~2 s old). */
    Kpis kpis(UUID siteId, Instant from, Instant to, Bucket bucket, String device, String locale);
}
