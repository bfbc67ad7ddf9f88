package dev.attune.identity.internal.application;

import dev.attune.identity.internal.domain.Keys;
import dev.attune.identity.internal.persistence.JdbcGraph;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pseudonymisation keys: {@code attune.identity.hmac-secret} (base64, at least 32 bytes) and
 * {@code attune.identity.encryption-keys} ({@code version:base64,…}, 32-byte AES keys; the highest version encrypts).
 * Without them (a default run) keys are generated once and kept in {@code identity.generated_key}, with a warning: that
 * keeps a demo working across restarts but puts the keys beside the data, which production must not do.
 */
@ApplicationScoped
public class IdentityKeys {
    private static final Logger LOG = Logger.getLogger(IdentityKeys.class.getName());

    @Inject
    @ConfigProperty(name = "attune.identity.hmac-secret")
    Optional<String> hmacSecret;

    @Inject
    @ConfigProperty(name = "attune.identity.encryption-keys")
    Optional<String> encryptionKeys;

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Keys keys;

    @PostConstruct
    void init() {
        Sql sql = new Sql(dataSource);
        byte[] hmac = hmacSecret
                .filter(s -> !s.isBlank())
                .map(s -> Base64.getDecoder().decode(s.strip()))
                .orElseGet(() -> generated(sql, "hmac"));
        Map<Integer, byte[]> enc = encryptionKeys
                .filter(s -> !s.isBlank())
                .map(Keys::parseVersions)
                .orElseGet(() -> Map.of(1, generated(sql, "aes-1")));
        keys = new Keys(hmac, enc);
    }

    public Keys keys() {
        return keys;
    }

    @Inject
    JdbcGraph graph;

    /**
     * Key rotation's second half: every value sealed under an older key version is opened and sealed again under the
     * current one, in batches; answers how many were re-sealed. After it, the old version can leave the configuration.
     */
    public int resealAll() {
        int total = 0;
        int current = keys.currentVersion();
        while (true) {
            List<Object[]> batch = graph.sealedUnder(current, 500);
            if (batch.isEmpty()) {
                return total;
            }
            for (Object[] row : batch) {
                UUID site = (UUID) row[2];
                graph.reseal(
                        (String) row[0], (Long) row[1], current, keys.seal(site, keys.open(site, (Integer) row[3], (byte
                                        [])
                                row[4])));
                total++;
            }
        }
    }

    private static byte[] generated(Sql sql, String name) {
        LOG.warning(
                "attune.identity keys are not configured: using a generated '" + name + "' key kept in the database "
                        + "(set attune.identity.hmac-secret and attune.identity.encryption-keys in production)");
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        sql.update(
                "INSERT INTO identity.generated_key (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name,
                fresh);
        return sql.one("SELECT secret FROM identity.generated_key WHERE name = ?", rs -> rs.getBytes(1), name)
                .orElseThrow();
    }
}
