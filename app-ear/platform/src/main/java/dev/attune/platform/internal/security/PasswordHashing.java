package dev.attune.platform.internal.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/** Jakarta Security's PBKDF2 with OWASP's 2023 work factor for HMAC-SHA-512. */
@ApplicationScoped
class PasswordHashing {
    @Inject
    Pbkdf2PasswordHash pbkdf2;

    private String dummyHash;

    @PostConstruct
    void configure() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", "210000",
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "64"));
        dummyHash = pbkdf2.generate("not-a-password".toCharArray());
    }

    String hash(char[] password) {
        return pbkdf2.generate(password);
    }

    boolean verify(char[] password, String hash) {
        return pbkdf2.verify(password, hash);
    }

    /** Spends the same time as a real check, so unknown user names cannot be told apart by timing. */
    void verifyAgainstNothing(char[] password) {
        pbkdf2.verify(password, dummyHash);
    }
}
