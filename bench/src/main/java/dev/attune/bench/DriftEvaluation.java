package dev.attune.bench;

import dev.attune.personalization.internal.monitors.PageHinkley;
import dev.attune.personalization.internal.monitors.RateMonitor;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code bench/run drift [--runs R] [--lambda L] [--delta D]}: the monitors' behaviour on synthetic streams, with the
 * server's detector classes and defaults. Ratings (scaled to [0, 1]) from a stable distribution (mean 4.0), then a
 * clear drop (mean 3.2) and, separately, a mild one (mean 3.77): false alarms per 10,000 stable ratings, share of
 * drops detected, and the mean number of ratings after the change until the alarm. Event rates: 300 ± 17 per period,
 * false alarms per 1,000 periods, and whether a 3x spike and a fall to a tenth are caught at once.
 */
final class DriftEvaluation {
    private DriftEvaluation() {}

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

    static void run(Map<String, String> options) {
        int runs = Options.integer(options, "runs", 200);
        double lambda = Double.parseDouble(options.getOrDefault("lambda", "12"));
        double delta = Double.parseDouble(options.getOrDefault("delta", "0.02"));
        double[] stable = {.05, .05, .15, .35, .40};
        double[] drop = {.15, .15, .25, .25, .20};
        double[] mild = {.07, .08, .20, .35, .30};
        Random r = new Random(20261123);
        long stableSeen = 0;
        int falseAlarms = 0;
        int[] detected = new int[2];
        long[] delays = new long[2];
        for (int run = 0; run < runs; run++) {
            for (int shift = 0; shift < 2; shift++) {
                PageHinkley ph = new PageHinkley(delta, lambda, 30);
                for (int i = 0; i < 5_000; i++) {
                    falseAlarms += ph.add((rating(r, stable) - 1) / 4.0) == null ? 0 : 1;
                    stableSeen++;
                }
                for (int i = 0; i < 3_000; i++) {
                    PageHinkley.Change c = ph.add((rating(r, shift == 0 ? drop : mild) - 1) / 4.0);
                    if (c != null && !c.increase()) {
                        detected[shift]++;
                        delays[shift] += i + 1;
                        break;
                    }
                }
            }
        }
        double far = falseAlarms * 10_000.0 / stableSeen;
        System.out.printf(
                Locale.ROOT,
                "· ratings, Page-Hinkley lambda=%.1f delta=%.3f: %.2f false alarms per 10,000 stable ratings; clear drop "
                        + "(4.00 -> 3.20) caught in %d/%d runs after %.0f ratings on average; mild drop (4.00 -> 3.77) in %d/%d after %.0f%n",
                lambda,
                delta,
                far,
                detected[0],
                runs,
                detected[0] == 0 ? 0 : delays[0] / (double) detected[0],
                detected[1],
                runs,
                detected[1] == 0 ? 0 : delays[1] / (double) detected[1]);

        int rateFalse = 0;
        int spikes = 0;
        int drops = 0;
        for (int run = 0; run < runs; run++) {
            RateMonitor m = new RateMonitor(0.1, 4, 20, 10);
            for (int i = 0; i < 1_000; i++) {
                rateFalse += m.add(Math.round(300 + 17 * r.nextGaussian())) == null ? 0 : 1;
            }
            RateMonitor.Anomaly spike = m.add(900);
            spikes += spike != null && spike.spike() ? 1 : 0;
            RateMonitor.Anomaly fall = m.add(30);
            drops += fall != null && !fall.spike() ? 1 : 0;
        }
        System.out.printf(
                Locale.ROOT,
                "· event rate, EWMA alpha=0.1 k=4: %.2f false alarms per 1,000 periods; 3x spike caught %d/%d, fall to a "
                        + "tenth caught %d/%d%n",
                rateFalse * 1000.0 / (runs * 1000.0),
                spikes,
                runs,
                drops,
                runs);
        System.out.printf(
                Locale.ROOT,
                "drift: false_alarms_per_10k=%.2f clear_drop_detected=%.3f clear_drop_delay=%.0f mild_drop_detected=%.3f "
                        + "mild_drop_delay=%.0f rate_false_alarms_per_1k=%.2f spike_detected=%.3f drop_detected=%.3f lambda=%.1f delta=%.3f%n",
                far,
                detected[0] / (double) runs,
                detected[0] == 0 ? 0 : delays[0] / (double) detected[0],
                detected[1] / (double) runs,
                detected[1] == 0 ? 0 : delays[1] / (double) detected[1],
                rateFalse * 1000.0 / (runs * 1000.0),
                spikes / (double) runs,
                drops / (double) runs,
                lambda,
                delta);
    }
}
