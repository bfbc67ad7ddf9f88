package dev.attune.platform.internal.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
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

/** Moves closed windows of authentication failures into the audit log, every window (a minute by default). */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuthFailureRollup {
    private static final Logger LOG = Logger.getLogger(AuthFailureRollup.class.getName());

    @Resource
    TimerService timers;

    @Inject
    AuthFailures failures;

    @Inject
    @ConfigProperty(name = "attune.audit.failure-window-seconds", defaultValue = "60")
    int windowSeconds;

    @PostConstruct
    void start() {
        long millis = Math.max(1, windowSeconds) * 1000L;
        timers.createIntervalTimer(millis, millis, new TimerConfig(null, false));
    }

    @Timeout
    void round() {
        try {
            failures.rollUp();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Rolling up authentication failures failed; the next round retries", e);
        }
    }
}
