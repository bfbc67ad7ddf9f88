package dev.attune.personalization.internal.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.api.KpiService;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class KpiRollupsTest {

    @Test
    void each_event_type_adds_to_its_counters_and_the_kpis_follow() {
        KpiRollups.Counter c = new KpiRollups.Counter();
        for (int i = 0; i < 4; i++) {
            KpiRollups.add(c, "page_view", false, 0, null);
        }
        KpiRollups.add(c, "rating", true, 5, null);
        KpiRollups.add(c, "rating", true, 2, null);
        KpiRollups.add(c, "nps", true, 10, null);
        KpiRollups.add(c, "nps", true, 9, null);
        KpiRollups.add(c, "nps", true, 7, null);
        KpiRollups.add(c, "nps", true, 3, null);
        KpiRollups.add(c, "csat", true, 4, null);
        KpiRollups.add(c, "csat", true, 2, null);
        KpiRollups.add(c, "text", false, 0, 0.6);
        KpiRollups.add(c, "thumbs", true, -1, null);
        KpiRollups.add(c, "purchase", true, 59.5, null);
        KpiService.Values v = KpiRollups.values(c.n, c.s);
        assertThat(v.events()).isEqualTo(15);
        assertThat(v.pageViews()).isEqualTo(4);
        assertThat(v.explicit()).isEqualTo(10);
        assertThat(v.averageRating()).isCloseTo(3.5, within(1e-9));
        assertThat(v.nps()).isCloseTo(25.0, within(1e-9)); // (2 promoters - 1 detractor) / 4 answers
        assertThat(v.averageCsat()).isCloseTo(3.0, within(1e-9));
        assertThat(v.csatSatisfiedShare()).isCloseTo(0.5, within(1e-9));
        assertThat(v.averageSentiment()).isCloseTo(0.6, within(1e-9));
        assertThat(v.thumbsDown()).isEqualTo(1);
        assertThat(v.revenue()).isCloseTo(59.5, within(1e-9));
        assertThat(v.interactionRate()).isCloseTo(10 / 4.0, within(1e-9));
        assertThat(v.conversionRate()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void empty_denominators_give_no_rate_and_languages_come_from_the_locale() {
        KpiService.Values v = KpiRollups.values(new long[15], new double[4]);
        assertThat(v.averageRating()).isNull();
        assertThat(v.nps()).isNull();
        assertThat(v.interactionRate()).isNull();
        assertThat(KpiRollups.language("{\"locale\":\"de-CH\",\"timeZone\":\"Europe/Zurich\"}"))
                .isEqualTo("de");
        assertThat(KpiRollups.language("{}")).isEqualTo("unknown");
        assertThat(KpiRollups.language(null)).isEqualTo("unknown");
    }

    @Test
    void a_batch_is_summed_per_slice_and_written_with_one_statement_per_table() {
        AtomicLong written = new AtomicLong();
        AtomicLong statements = new AtomicLong();
        KpiRollups rollups = new KpiRollups();
        rollups.dataSource = countingEvents(written, statements);
        UUID site = UUID.randomUUID();
        Instant now = Instant.now();
        List<KpiRollups.Observed> batch = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            FeedbackReceived event = new FeedbackReceived(
                    UUID.randomUUID(),
                    site,
                    i % 3 == 0 ? "rating" : "page_view",
                    "s" + i % 7,
                    "item",
                    i % 3 == 0 ? BigDecimal.valueOf(4) : null,
                    null,
                    "{}",
                    "{}",
                    now.minusSeconds(i * 7L),
                    now);
            // every other event has a profile in two segments, every fourth a profile in none
            Set<String> segments = i % 2 == 0 ? Set.of("a", "b") : i % 4 == 1 ? Set.of() : null;
            batch.add(new KpiRollups.Observed(event, null, segments));
        }
        rollups.add(batch);
        // totals: every event once; segments: 500 events in two segments, 250 in "none"
        assertThat(written.get()).isEqualTo(1_000 + 2 * 500 + 250);
        assertThat(statements.get()).isEqualTo(2);
    }

    /** A database that adds up the events column (the fifth parameter) of every row written. */
    private static DataSource countingEvents(AtomicLong written, AtomicLong statements) {
        Object statement = Proxy.newProxyInstance(
                KpiRollupsTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setLong") && (int) args[0] == 5) {
                        written.addAndGet((long) args[1]);
                    }
                    if (method.getName().equals("executeBatch")) {
                        statements.incrementAndGet();
                        return new int[0];
                    }
                    return null;
                });
        Object connection = Proxy.newProxyInstance(
                KpiRollupsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("prepareStatement") ? statement : null);
        return (DataSource) Proxy.newProxyInstance(
                KpiRollupsTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? connection : null);
    }
}
