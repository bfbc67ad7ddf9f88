package dev.attune.personalization.internal.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.api.KpiService;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
        assertThat(KpiRollups.language("{\"locale\":\"de-CH\",\"timeZone\":\"Europe/Zurich\"}")).isEqualTo("de");
        assertThat(KpiRollups.language("{}")).isEqualTo("unknown");
        assertThat(KpiRollups.language(null)).isEqualTo("unknown");
    }

    @Test
    void no_event_is_lost_to_a_flush_running_beside_the_observers() throws Exception {
        AtomicLong written = new AtomicLong();
        KpiRollups rollups = new KpiRollups();
        rollups.dataSource = countingEvents(written);
        FeedbackReceived event = new FeedbackReceived(UUID.randomUUID(), UUID.randomUUID(), "page_view", "s", null, null, null, null,
                null, Instant.now(), Instant.now());
        AtomicBoolean observing = new AtomicBoolean(true);
        Thread flushes = new Thread(() -> {
            while (observing.get()) {
                rollups.flush();
            }
        });
        flushes.start();
        int events = 300_000;
        try {
            for (int i = 0; i < events; i++) {
                rollups.observe(event, null);
            }
        } finally {
            observing.set(false);
            flushes.join();
            rollups.stop(); // the last flush
        }
        assertThat(written.get()).isEqualTo(events);
    }

    /** A database that adds up the events column (the fifth parameter) of every row written. */
    private static DataSource countingEvents(AtomicLong written) {
        Object statement = Proxy.newProxyInstance(KpiRollupsTest.class.getClassLoader(), new Class<?>[] {java.sql.PreparedStatement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setLong") && (int) args[0] == 5) {
                        written.addAndGet((long) args[1]);
                    }
                    return method.getName().equals("executeBatch") ? new int[0] : null;
                });
        Object connection = Proxy.newProxyInstance(KpiRollupsTest.class.getClassLoader(), new Class<?>[] {java.sql.Connection.class},
                (proxy, method, args) -> method.getName().equals("prepareStatement") ? statement : null);
        return (DataSource) Proxy.newProxyInstance(KpiRollupsTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? connection : null);
    }
}
