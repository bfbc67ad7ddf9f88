package dev.attune.identity.internal.domain;

import dev.attune.identity.api.IdentifierKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymisation: identifiers become HMAC-SHA-256 of site, kind and normalised value under a secret; clear values that
 * must be kept are sealed with AES-256-GCM under the newest of several versioned keys (older versions still open, so
 * keys rotate without re-encrypting at once). JDK crypto only: both are standard primitives of the JCA.
 */
public final class Keys {
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private final SecureRandom random = new SecureRandom();
    private final byte[] hmacSecret;
    private final TreeMap<Integer, SecretKeySpec> encryption = new TreeMap<>();

    /** @param encryptionKeys 32-byte AES keys by version; the highest version seals new values */
    public Keys(byte[] hmacSecret, Map<Integer, byte[]> encryptionKeys) {
        if (hmacSecret.length < 32) {
            throw new IllegalArgumentException("the HMAC secret needs at least 32 bytes");
        }
        if (encryptionKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one encryption key is needed");
        }
        this.hmacSecret = hmacSecret.clone();
        encryptionKeys.forEach((version, key) -> {
            if (key.length != 32) {
                throw new IllegalArgumentException("encryption key version " + version + " must be 32 bytes (AES-256)");
            }
            encryption.put(version, new SecretKeySpec(key, "AES"));
        });
    }

    public byte[] hash(UUID siteId, IdentifierKind kind, String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacSecret, "HmacSHA256"));
            return mac.doFinal(
                    (siteId + "\u0000" + kind.wireName() + "\u0000" + normalised).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A secret for {@code purpose} derived from the HMAC secret: the same on every instance, never stored. */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacSecret, "HmacSHA256"));
            return mac.doFinal(("derived\u0000" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public int currentVersion() {
        return encryption.lastKey();
    }

    /** IV followed by ciphertext and tag, under the current key; the site id is authenticated with it. */
    public byte[] seal(UUID siteId, String clear) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encryption.lastEntry().getValue(), new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(siteId.toString().getBytes(StandardCharsets.UTF_8));
            byte[] body = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + body.length).put(iv).put(body).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String open(UUID siteId, int version, byte[] sealed) {
        SecretKeySpec key = encryption.get(version);
        if (key == null) {
            throw new IllegalStateException("encryption key version " + version + " is no longer configured");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            c.updateAAD(siteId.toString().getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed value does not open (wrong key or altered)", e);
        }
    }

    /** Parses {@code 1:base64,2:base64} (the configuration's form). */
    public static Map<Integer, byte[]> parseVersions(String spec) {
        Map<Integer, byte[]> out = new TreeMap<>();
        for (String part : spec.split(",")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("expected version:base64key, got '" + p + "'");
            }
            out.put(Integer.parseInt(p.substring(0, colon)), Base64.getDecoder().decode(p.substring(colon + 1)));
        }
        return out;
    }
}
