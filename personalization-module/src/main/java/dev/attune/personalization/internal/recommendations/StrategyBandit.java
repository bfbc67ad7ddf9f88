package dev.attune.personalization.internal.recommendations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Thompson sampling over a slot's strategies (arms), per context (the visitor's device class): each arm's chance that
 * a served list gets a click, cart, purchase or good rating is Beta(1 + rewarded, 1 + served − rewarded); the arm with
 * the highest draw serves. The probability that the chosen arm would have been chosen (estimated from repeated draws)
 * is logged with the list, so strategies can be compared offline by inverse propensity.
 */
final class StrategyBandit {
    static final int PROPENSITY_DRAWS = 200;

    /** served, rewarded. */
    private final Map<String, long[]> counts = new ConcurrentHashMap<>();

    private final RandomDataGenerator random;

    StrategyBandit(long seed) {
        random = new RandomDataGenerator(seed);
    }

    /** The chosen arm and, per arm, its probability of being chosen. */
    record Choice(String arm, Map<String, Double> probabilities) {
        double propensity() {
            return probabilities.get(arm);
        }
    }

    private static String key(String scope, String context, String arm) {
        return scope + "|" + context + "|" + arm;
    }

    private long[] of(String scope, String context, String arm) {
        return counts.computeIfAbsent(key(scope, context, arm), k -> new long[2]);
    }

    synchronized Choice choose(String scope, String context, List<String> arms) {
        double[][] params = new double[arms.size()][];
        for (int a = 0; a < arms.size(); a++) {
            long[] c = of(scope, context, arms.get(a));
            params[a] = new double[] {1 + c[1], 1 + Math.max(0, c[0] - c[1])};
        }
        int chosen = best(params);
        int[] wins = new int[arms.size()];
        for (int d = 0; d < PROPENSITY_DRAWS; d++) {
            wins[best(params)]++;
        }
        Map<String, Double> p = new LinkedHashMap<>();
        for (int a = 0; a < arms.size(); a++) {
            // never 0: every arm keeps some chance, and the logged propensity of what was served must be positive
            p.put(arms.get(a), Math.max(wins[a], 0.5) / (PROPENSITY_DRAWS + 0.5 * arms.size()));
        }
        return new Choice(arms.get(chosen), p);
    }

    private int best(double[][] params) {
        int best = 0;
        double top = -1;
        for (int a = 0; a < params.length; a++) {
            double draw = random.nextBeta(params[a][0], params[a][1]);
            if (draw > top) {
                top = draw;
                best = a;
            }
        }
        return best;
    }

    void served(String scope, String context, String arm) {
        long[] c = of(scope, context, arm);
        synchronized (c) {
            c[0]++;
        }
    }

    void rewarded(String scope, String context, String arm) {
        long[] c = of(scope, context, arm);
        synchronized (c) {
            c[1]++;
        }
    }

    /** Counts recovered from the log at start. */
    void restore(String scope, String context, String arm, long served, long rewarded) {
        long[] c = of(scope, context, arm);
        synchronized (c) {
            c[0] = served;
            c[1] = rewarded;
        }
    }

    /** context, arm, served, rewarded of one scope. */
    List<Object[]> stats(String scope) {
        List<Object[]> out = new ArrayList<>();
        counts.forEach((k, c) -> {
            if (k.startsWith(scope + "|")) {
                String[] parts = k.split("\\|", 3);
                out.add(new Object[] {parts[1], parts[2], c[0], c[1]});
            }
        });
        return out;
    }
}
