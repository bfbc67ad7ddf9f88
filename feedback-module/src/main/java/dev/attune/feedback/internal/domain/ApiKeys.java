package dev.attune.feedback.internal.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Site keys: 192/256 random bits with a readable prefix. Only their SHA-256 is stored; a slow hash adds nothing for
 * keys with this much entropy and would cost every ingest request.
 */
public final class ApiKeys {
    public static final String PUBLIC_PREFIX = "pk_";
    public static final String SECRET_PREFIX = "sk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    public static String newPublicKey() {
        return PUBLIC_PREFIX + random(24);
    }

    public static String newSecretKey() {
        return SECRET_PREFIX + random(32);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the console may show of a key: enough to recognise it, not to use it. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(key.length(), 10)) + "…";
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
