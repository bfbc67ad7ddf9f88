package dev.attune.admin.dashboard;

import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.KpiService.Bucket;
import dev.attune.personalization.api.KpiService.Kpis;
import dev.attune.personalization.api.KpiService.Recommendations;
import dev.attune.personalization.api.KpiService.Values;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** KPI values for the dashboard tests: only what a test names is set, the rest is zero or unknown. */
final class DashboardFixtures {
    static final SiteSummary SHOP = new SiteSummary(
            UUID.fromString("00000000-0000-0000-0000-0000000000aa"),
            "Shop",
            List.of(),
            "pk_1",
            "sk_1",
            Instant.EPOCH,
            ConsentMode.IMPLIED,
            90,
            true);

    private DashboardFixtures() {}

    static Values events(long events, long pageViews) {
        return new Values(
                events, pageViews, 0, 0, null, 0, 0, 0, null, 0, null, null, 0, null, 0, 0, 0, 0, 0, 0, null, null);
    }

    static Values nps(long promoters, long passives, long detractors, Double nps) {
        return new Values(
                10,
                5,
                3,
                0,
                null,
                promoters,
                passives,
                detractors,
                nps,
                0,
                null,
                null,
                0,
                null,
                0,
                0,
                0,
                0,
                0,
                0,
                0.6,
                null);
    }

    static Values sentiment(long texts, Double average) {
        return new Values(
                texts, 0, texts, 0, null, 0, 0, 0, null, 0, null, null, texts, average, 0, 0, 0, 0, 0, 0, null, null);
    }

    static Kpis kpis(Values totals) {
        return new Kpis(
                Instant.EPOCH,
                Instant.EPOCH,
                Bucket.HOUR,
                totals,
                List.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                new Recommendations(0, 0, null, List.of()),
                0.25);
    }
}
