package dev.attune.personalization.internal.profiles;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Re-evaluates members of segments with time windows on a schedule (a window can close without any new event), and
 * clusters profiles into discovered segments every {@code attune.segments.discover-minutes}. */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SegmentSweeper {
    private static final Logger LOG = Logger.getLogger(SegmentSweeper.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DefaultSegmentService segments;

    @Inject
    @ConfigProperty(name = "attune.segments.sweep-seconds", defaultValue = "300")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "attune.segments.discover-minutes", defaultValue = "60")
    long discoverMinutes;

    private long lastDiscovery = System.nanoTime();

    @PostConstruct
    void start() {
        long millis = Math.max(1, intervalSeconds) * 1000;
        timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    void sweep() {
        try {
            segments.sweep(Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sweeping windowed segments failed; the next round retries", e);
        }
        if (System.nanoTime() - lastDiscovery >= discoverMinutes * 60_000_000_000L) {
            lastDiscovery = System.nanoTime();
            try {
                segments.discoverAll();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Discovering segments failed; the next round retries", e);
            }
        }
    }
}
