package dev.attune.platform.internal.audit;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Audit retention every night: entries older than {@code attune.audit.retention-days} (default three years, longer than
 * anything else Attune keeps) are deleted and the chain re-anchored; the run is itself an audit entry.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditRetentionJob {
    private static final Logger LOG = Logger.getLogger(AuditRetentionJob.class.getName());

    @Inject
    JdbcAuditLog audit;

    @Inject
    @ConfigProperty(name = "attune.audit.retention-days", defaultValue = "1095")
    int days;

    @Schedule(hour = "3", minute = "23", persistent = false)
    void nightly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Audit retention failed; next try tomorrow", e);
        }
    }

    public long run() {
        return audit.prune(days);
    }

    public int days() {
        return days;
    }
}
