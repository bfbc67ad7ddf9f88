package dev.attune.admin.dashboard;

import static dev.attune.admin.dashboard.DashboardFixtures.SHOP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.feedback.api.QuarantineReason;
import dev.attune.feedback.api.QuarantineService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuarantineCountsTest {
    private static final Instant DAY = Instant.parse("2026-03-01T00:00:00Z");
    private final List<String> calls = new ArrayList<>();
    /** Two honeypot events in every bucket; every call is written down. */
    private final QuarantineService service = (QuarantineService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {QuarantineService.class}, (proxy, method, args) -> {
                calls.add(method.getName() + " " + args[args.length - 1]);
                return switch (method.getName()) {
                    case "countsByReason" -> Map.of(QuarantineReason.HONEYPOT, 2L);
                    case "count" -> 2L;
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            });

    private final QuarantineCounts counts = new QuarantineCounts(service);
    private final List<Instant> buckets = List.of(DAY, DAY.plus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(2)));

    @Test
    void each_bucket_is_counted_by_the_reasons_seen_in_the_range() {
        Map<QuarantineReason, long[]> byReason =
                counts.overTime(SHOP.id(), DashboardRange.LAST_7_DAYS, buckets, Duration.ofDays(1));

        assertThat(byReason.get(QuarantineReason.HONEYPOT)).containsExactly(2, 2, 2);
        assertThat(byReason.get(QuarantineReason.BOT_USER_AGENT)).containsExactly(0, 0, 0);
        assertThat(calls).filteredOn(c -> c.startsWith("count ")).hasSize(2); // the two complete days, honeypots only
    }

    @Test
    void complete_buckets_are_counted_once_the_open_one_on_every_refresh() {
        counts.overTime(SHOP.id(), DashboardRange.LAST_7_DAYS, buckets, Duration.ofDays(1));
        calls.clear();

        counts.overTime(SHOP.id(), DashboardRange.LAST_7_DAYS, buckets, Duration.ofDays(1));

        assertThat(calls).containsExactly("countsByReason " + buckets.get(2));
    }

    @Test
    void another_range_counts_afresh() {
        counts.overTime(SHOP.id(), DashboardRange.LAST_7_DAYS, buckets, Duration.ofDays(1));
        calls.clear();

        counts.overTime(SHOP.id(), DashboardRange.LAST_30_DAYS, buckets, Duration.ofDays(1));

        assertThat(calls).filteredOn(c -> c.startsWith("count ")).hasSize(2);
    }
}
