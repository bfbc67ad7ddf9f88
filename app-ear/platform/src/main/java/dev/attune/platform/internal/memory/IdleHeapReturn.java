package dev.attune.platform.internal.memory;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gives the heap a burst grew back to the system once the server is quiet: when no collection has run for
 * {@code attune.memory.idle-seconds} (default 30; 0 turns it off) and the heap grew since the last time, one full
 * collection (System.gc) lets the JVM shrink the heap to its free-ratio bound (the launcher's domain keeps at most
 * 30 % free). Under traffic young collections run every few seconds and this never fires; a quiet server is collected
 * once after a burst, not periodically. With {@code -XX:+DisableExplicitGC} it does nothing.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdleHeapReturn {
    private static final Logger LOG = Logger.getLogger(IdleHeapReturn.class.getName());

    @Inject
    @ConfigProperty(name = "attune.memory.idle-seconds", defaultValue = "30")
    long idleSeconds;

    private IdleHeapPolicy policy;

    @PostConstruct
    void start() {
        policy = new IdleHeapPolicy(TimeUnit.SECONDS.toNanos(idleSeconds));
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void check() {
        if (idleSeconds <= 0) {
            return;
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long committed = memory.getHeapMemoryUsage().getCommitted();
        if (!policy.due(System.nanoTime(), collections(), committed)) {
            return;
        }
        long started = System.nanoTime();
        System.gc();
        long after = memory.getHeapMemoryUsage().getCommitted();
        policy.collected(System.nanoTime(), collections(), after);
        LOG.info(() -> String.format(
                "No collection for %d s: heap collected to give memory back, %,d MB committed before, "
                        + "%,d MB after (%d ms)",
                idleSeconds, committed >> 20, after >> 20, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }

    private static long collections() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }
}
