package dev.attune.launcher.demo;

import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * After the replay, a visit every few seconds (about one event a second) by one of the demo's visitors, so the
 * dashboard, the experiments and the bandit keep moving while someone looks at them. Stops with the launcher.
 */
final class DemoTrickle {
    private final DemoToday visits;
    private final List<DemoVisitor> visitors;
    private final Random random;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "attune-demo-trickle");
        t.setDaemon(true);
        return t;
    });
    private long count;

    DemoTrickle(DemoToday visits, List<DemoVisitor> visitors, long seed) {
        this.visits = visits;
        this.visitors = visitors;
        this.random = new Random(seed);
    }

    void start() {
        schedule();
    }

    private void schedule() {
        timer.schedule(
                () -> {
                    try {
                        visits.visit(visitors.get(random.nextInt(visitors.size())), "live-" + run + "-" + count++);
                    } catch (RuntimeException e) {
                        // the server is stopping or busy: the next visit tries again
                    }
                    schedule();
                },
                1500 + random.nextInt(3000),
                TimeUnit.MILLISECONDS);
    }
}
