package dev.attune.admin.dashboard;

import static dev.attune.admin.dashboard.DashboardFixtures.events;
import static dev.attune.admin.dashboard.DashboardFixtures.kpis;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.html.Span;
import dev.attune.admin.TestVaadin;
import dev.attune.feedback.api.QuarantineReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardChartsPanelTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private DashboardChartsPanel charts;

    @BeforeEach
    void vaadin() {
        TestVaadin.setUp(); // each card's CSV link registers its download with the UI
        charts = new DashboardChartsPanel();
    }

    @AfterEach
    void noVaadin() {
        TestVaadin.tearDown();
    }

    private static String description(DashboardCard card) {
        return card.getChildren()
                .skip(1)
                .findFirst()
                .map(c -> ((Span) c).getText())
                .orElseThrow();
    }

    @Test
    void descriptions_name_the_bucket_and_the_filters() {
        List<Instant> grid = List.of(T, T.plus(Duration.ofHours(1)));

        charts.show(
                DashboardRange.LAST_24_HOURS,
                grid,
                List.of("10:00", "11:00"),
                List.of(events(3, 1), events(4, 2)),
                kpis(events(7, 3)),
                " (mobile devices only)");

        assertThat(description(charts.eventsChart))
                .startsWith("Events per hour")
                .contains("(mobile devices only)");
        assertThat(description(charts.recommendationsChart)).contains("Site-wide: the filters do not apply");
        assertThat(charts.eventsChart.csv().rows()).hasSize(2);
    }

    @Test
    void the_bot_share_hides_while_filtered() {
        List<Instant> days = List.of(T);
        Map<QuarantineReason, long[]> byReason = new EnumMap<>(QuarantineReason.class);
        byReason.put(QuarantineReason.HONEYPOT, new long[] {2});

        charts.showQuarantine(new DashboardCharts.Quarantine(days, List.of("Mar 1"), byReason, null), false);
        assertThat(description(charts.quarantineChart)).contains("per day (UTC)", "bot share hidden");

        charts.showQuarantine(new DashboardCharts.Quarantine(days, List.of("Mar 1"), byReason, new long[] {10}), true);
        assertThat(description(charts.quarantineChart)).contains("per hour", "bot share: bot user agents");
    }
}
