package dev.attune.feedback.internal.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/** Once the schema is migrated, starts the outbox relay, so events left unpublished by a crash go out at once. */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class FeedbackModuleStartup {
    @Inject
    OutboxRelay relay;

    @PostConstruct
    void start() {
        relay.wake();
    }
}
