package dev.attune.platform.internal.security;

import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.Roles;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the first ADMIN when no console user exists: with {@code attune.admin.password} when given, otherwise with
 * a generated password that is logged once and must be changed.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigrator")
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    ConsoleUserRepository users;

    @Inject
    PasswordHashing hashing;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "attune.admin.username", defaultValue = "admin")
    String username;

    @Inject
    @ConfigProperty(name = "attune.admin.password")
    Optional<String> configuredPassword;

    @Inject
    @ConfigProperty(name = "attune.admin.password-temporary", defaultValue = "false")
    boolean temporary;

    @PostConstruct
    void createFirstAdmin() {
        if (users.count() > 0) {
            return;
        }
        boolean generated = configuredPassword.filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? generatePassword() : configuredPassword.get();
        users.insert(username, hashing.hash(password.toCharArray()), Set.of(Roles.ADMIN), generated || temporary);
        audit.recordAs(
                "system",
                "user.bootstrap",
                username,
                AuditOutcome.SUCCESS,
                Map.of(
                        "roles",
                        Roles.ADMIN,
                        "generatedPassword",
                        generated,
                        "temporaryPassword",
                        generated || temporary));
        if (generated) {
            LOG.warning(() -> "Created the first console user '" + username + "' with generated password: " + password
                    + "  (shown once; set attune.admin.password to choose it)");
        } else {
            LOG.info(() -> "Created the first console user '" + username + "' from attune.admin.password");
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
