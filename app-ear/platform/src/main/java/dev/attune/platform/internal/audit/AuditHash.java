package dev.attune.platform.internal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The chain's hash: SHA-256 over the previous hash and every stored field, each length-prefixed so fields cannot bleed. */
final class AuditHash {
    static final String GENESIS = "0".repeat(64);

    private AuditHash() {}

    static String of(
            String prevHash,
            Instant occurredAt,
            String actor,
            String action,
            String target,
            String outcome,
            String sourceIp,
            String detailJson) {
        MessageDigest sha = sha256();
        for (String field : new String[] {
            prevHash, Long.toString(micros(occurredAt)), actor, action, target, outcome, sourceIp, detailJson
        }) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            sha.update(Integer.toString(field == null ? -1 : bytes.length).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** PostgreSQL keeps microseconds; the hash must see exactly what is stored. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
