package dev.attune.personalization.internal.monitors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MonitorsTest {
    private static int rating(Random r, double[] p) {
        double u = r.nextDouble();
        double c = 0;
        for (int i = 0; i < p.length; i++) {
            c += p[i];
            if (u < c) {
                return i + 1;
            }
        }
        return p.length;
    }

    @Test
    void page_hinkley_stays_quiet_on_a_stable_stream_and_catches_a_drop_in_ratings_within_a_few_dozen() {
        double[] happy = {.05, .05, .15, .35, .40};
        double[] unhappy = {.15, .15, .25, .25, .20};
        Random r = new Random(2);
        PageHinkley ph = new PageHinkley(0.02, 12, 30);
        int alarms = 0;
        for (int i = 0; i < 20_000; i++) {
            alarms += ph.add((rating(r, happy) - 1) / 4.0) == null ? 0 : 1;
        }
        assertThat(alarms).as("false alarms in 20,000 stable ratings").isLessThanOrEqualTo(2);
        PageHinkley.Change change = null;
        int delay = 0;
        while (change == null && delay < 1000) {
            change = ph.add((rating(r, unhappy) - 1) / 4.0);
            delay++;
        }
        assertThat(change).isNotNull();
        assertThat(change.increase()).isFalse();
        assertThat(change.meanBefore() * 4 + 1).as("stars before").isBetween(3.9, 4.15);
        assertThat(change.meanAfter())
                .as("the level since the estimated change point is lower")
                .isLessThan(change.meanBefore() - 0.025);
        assertThat(delay).isLessThan(150);
    }

    @Test
    void the_rate_monitor_flags_a_spike_and_a_drop_but_not_ordinary_noise() {
        RateMonitor m = new RateMonitor(0.1, 4, 20, 10);
        Random r = new Random(3);
        int anomalies = 0;
        for (int i = 0; i < 500; i++) {
            anomalies += m.add(Math.round(300 + 17 * r.nextGaussian())) == null ? 0 : 1;
        }
        assertThat(anomalies).isLessThanOrEqualTo(1);
        RateMonitor.Anomaly spike = m.add(900);
        assertThat(spike).isNotNull();
        assertThat(spike.spike()).isTrue();
        assertThat(m.mean()).as("one burst barely moves the baseline").isBetween(280.0, 330.0);
        RateMonitor.Anomaly drop = m.add(20);
        assertThat(drop).isNotNull();
        assertThat(drop.spike()).isFalse();
    }
}
