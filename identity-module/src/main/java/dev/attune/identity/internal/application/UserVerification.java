package dev.attune.identity.internal.application;

import dev.attune.identity.api.IdentityVerification;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Identity verification as chat widgets do it: the site's server signs the user id with the site's verification
 * secret ({@code userHash = hex(HMAC-SHA256(key = secret, message = user id))}, both UTF-8) and the page passes the
 * hash to {@code attune.identify}. The secret is derived from the identity HMAC key and a version per site (a rotation
 * bumps the version), so it is the same on every instance and never stored.
 */
@ApplicationScoped
public class UserVerification implements IdentityVerification {
    @Inject
    IdentityKeys keys;

    @Inject
    AuditLog audit;

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    @Override
    public Secret reveal(UUID siteId) {
        audit.record("identity.verification.read", siteId.toString(), AuditOutcome.SUCCESS, Map.of());
        return secret(siteId);
    }

    Secret secret(UUID siteId) {
        return sql.one(
                        "SELECT version, rotated_at FROM identity.verification_secret WHERE site_id = ?",
                        rs -> new Secret(
                                siteId,
                                value(siteId, rs.getInt(1)),
                                rs.getInt(1),
                                rs.getTimestamp(2).toInstant()),
                        siteId)
                .orElseGet(() -> new Secret(siteId, value(siteId, 1), 1, null));
    }

    @Override
    @Transactional
    public Secret rotate(UUID siteId) {
        sql.update("""
                INSERT INTO identity.verification_secret (site_id, version) VALUES (?, 2)
                ON CONFLICT (site_id) DO UPDATE SET version = verification_secret.version + 1, rotated_at = now()""", siteId);
        Secret secret = secret(siteId);
        audit.record(
                "identity.verification.rotate",
                siteId.toString(),
                AuditOutcome.SUCCESS,
                Map.of("version", secret.version()));
        return secret;
    }

    /** Whether {@code userHash} is the user id's HMAC under the site's current secret (compared in constant time). */
    public boolean valid(UUID siteId, String userId, String userHash) {
        if (userId == null || userHash == null) {
            return false;
        }
        String expected = hash(secret(siteId).value(), userId);
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                userHash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** What the site's server computes: the hex HMAC-SHA256 of the user id under the secret. */
    public static String hash(String secret, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String value(UUID siteId, int version) {
        byte[] derived = keys.keys().derive("identity-verification:" + siteId + ":" + version);
        return "iv_" + Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
    }
}
