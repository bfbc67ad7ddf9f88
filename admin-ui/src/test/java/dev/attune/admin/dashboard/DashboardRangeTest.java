package dev.attune.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.personalization.api.KpiService;
import dev.attune.personalization.api.KpiService.Bucket;
import dev.attune.personalization.api.KpiService.Values;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardRangeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void minutes_and_hours_are_labelled_in_the_browsers_zone_days_as_utc_dates() {
        Instant t = Instant.parse("2026-03-01T23:30:00Z");

        assertThat(DashboardRange.LAST_24_HOURS.label(Bucket.HOUR, t, PARIS)).isEqualTo("00:30");
        assertThat(DashboardRange.LAST_7_DAYS.label(Bucket.HOUR, t, PARIS)).isEqualTo("Mon 2 00:30");
        assertThat(DashboardRange.LAST_30_DAYS.label(Bucket.DAY, t, PARIS)).isEqualTo("Mar 1");
    }

    @Test
    void an_instant_falls_in_its_slot_days_to_the_nearest_clamped_to_the_grid() {
        Instant day = Instant.parse("2026-03-01T00:00:00Z");
        List<Instant> grid = List.of(day, day.plus(Duration.ofDays(1)), day.plus(Duration.ofDays(2)));
        long step = Duration.ofDays(1).toMillis();

        assertThat(DashboardCharts.slot(grid, step, day.plus(Duration.ofHours(23)), false))
                .isZero();
        assertThat(DashboardCharts.slot(grid, step, day.plus(Duration.ofHours(23)), true))
                .isEqualTo(1); // a local midnight
        assertThat(DashboardCharts.slot(grid, step, day.minus(Duration.ofDays(3)), false))
                .isZero();
        assertThat(DashboardCharts.slot(grid, step, day.plus(Duration.ofDays(9)), false))
                .isEqualTo(2);
    }

    @Test
    void buckets_without_a_row_are_zeros_and_rows_of_one_bucket_add_up() {
        Instant h = Instant.parse("2026-03-01T10:00:00Z");
        List<Instant> grid = List.of(h, h.plus(Duration.ofHours(1)));

        List<Values> slots = DashboardCharts.slots(
                grid,
                Bucket.HOUR,
                List.of(
                        new KpiService.Point(h, DashboardFixtures.events(2, 1)),
                        new KpiService.Point(h.plus(Duration.ofMinutes(5)), DashboardFixtures.events(3, 1))));

        assertThat(slots).extracting(Values::events).containsExactly(5L, 0L);
    }
}
