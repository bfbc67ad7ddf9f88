package dev.attune.platform.internal.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Console users from PostgreSQL; their roles become the caller's groups (mapped 1:1 to roles). A password is checked
 * with PBKDF2 (deliberately slow: about 150 ms here); a successful check is remembered for a minute under a keyed hash
 * of name and password (a random key per process, never the password), so an admin-API client sending HTTP Basic on
 * every call pays it once a minute, not per call. Failures are never remembered, and a user's entries are dropped
 * when the user is changed, disabled or given a new password ({@link #forget}).
 */
@ApplicationScoped
public class AttuneIdentityStore implements IdentityStore {
    private static final Duration REMEMBERED = Duration.ofMinutes(1);

    @Inject
    ConsoleUserRepository users;

    @Inject
    PasswordHashing hashing;

    private record Verified(String username, Set<String> roles) {}

    private final byte[] cacheKey = new byte[32];
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(REMEMBERED)
            .build();

    public AttuneIdentityStore() {
        new SecureRandom().nextBytes(cacheKey);
    }

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        String key = key(credential.getCaller(), credential.getPassword().getValue());
        Verified known = verified.getIfPresent(key);
        if (known != null) {
            return new CredentialValidationResult(known.username(), known.roles());
        }
        Optional<ConsoleUser> user = users.findByUsername(credential.getCaller());
        if (user.isEmpty()) {
            hashing.verifyAgainstNothing(credential.getPassword().getValue());
            return CredentialValidationResult.INVALID_RESULT;
        }
        ConsoleUser u = user.get();
        if (!hashing.verify(credential.getPassword().getValue(), u.passwordHash()) || u.disabled()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        verified.put(key, new Verified(u.username(), Set.copyOf(u.roles())));
        return new CredentialValidationResult(u.username(), u.roles());
    }

    /** Drops what was remembered about this user: the next call checks the password against the database again. */
    void forget(String username) {
        verified.asMap().values().removeIf(v -> v.username().equalsIgnoreCase(username));
    }

    private String key(String username, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(new String(password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
