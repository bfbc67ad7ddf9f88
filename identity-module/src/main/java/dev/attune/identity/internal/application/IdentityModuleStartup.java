package dev.attune.identity.internal.application;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Works the privacy request queue every ten seconds (so requests survive restarts and meet their deadline). */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdentityModuleStartup {
    private static final Logger LOG = Logger.getLogger(IdentityModuleStartup.class.getName());

    @Inject
    DefaultPrivacyService privacy;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void drainPrivacyQueue() {
        try {
            privacy.drain();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Privacy queue run failed; next try in ten seconds", e);
        }
    }
}
