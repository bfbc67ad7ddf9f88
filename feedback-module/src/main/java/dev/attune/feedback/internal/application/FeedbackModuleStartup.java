package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.EventRetention;
import dev.attune.feedback.internal.persistence.EventPartitions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once the schema is migrated: makes the coming days' event partitions and starts the outbox relay, so events left
 * unpublished by a crash go out at once. Every hour: partitions ahead again, and retention.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FeedbackModuleStartup {
    private static final Logger LOG = Logger.getLogger(FeedbackModuleStartup.class.getName());
    static final int DAYS_AHEAD = 7;

    @Inject
    OutboxRelay relay;

    @Inject
    EventPartitions partitions;

    @Inject
    EventRetention retention;

    @Inject
    WebhookDispatcher webhooks;

    @PostConstruct
    void start() {
        partitions.ensureDays(LocalDate.now(ZoneOffset.UTC), DAYS_AHEAD + 1);
        relay.wake();
        webhooks.wake();
    }

    @Schedule(hour = "*", minute = "7", persistent = false)
    void hourly() {
        try {
            partitions.ensureDays(LocalDate.now(ZoneOffset.UTC), DAYS_AHEAD + 1);
            retention.enforce("schedule");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Event partition maintenance or retention failed; next try in an hour", e);
        }
    }
}
