package dev.attune.personalization.internal.profiles;

import dev.attune.personalization.api.ProfileRetention;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Profile retention every night (each site's policy; an audited report per site). */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class.getName());

    @Inject
    ProfileRetention retention;

    @Schedule(hour = "2", minute = "41", persistent = false)
    void nightly() {
        try {
            retention.enforce("schedule");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Profile retention failed; next try tomorrow", e);
        }
    }
}
