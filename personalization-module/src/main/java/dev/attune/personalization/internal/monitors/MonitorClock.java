package dev.attune.personalization.internal.monitors;

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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Closes the event-rate counting period of every site on a schedule. */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MonitorClock {
    private static final Logger LOG = Logger.getLogger(MonitorClock.class.getName());

    @Resource
    TimerService timers;

    @Inject
    Monitors monitors;

    @Inject
    @ConfigProperty(name = "attune.monitors.rate-period-seconds", defaultValue = "60")
    long periodSeconds;

    @PostConstruct
    void start() {
        long millis = Math.max(1, periodSeconds) * 1000;
        timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    void tick() {
        try {
            monitors.period(0.1, 4, 20);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Closing a monitoring period failed", e);
        }
    }
}
