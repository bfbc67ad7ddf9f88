package dev.attune.identity.internal.domain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.attune.identity.api.IdentifierKind;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysTest {
    private static final UUID SITE = UUID.fromString("11111111-2222-3333-4444-555555555555");

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void hashes_are_keyed_per_site_and_kind() {
        Keys keys = new Keys(key(1), Map.of(1, key(2)));
        byte[] a = keys.hash(SITE, IdentifierKind.EMAIL, "ann@example.com");
        assertArrayEquals(a, keys.hash(SITE, IdentifierKind.EMAIL, "ann@example.com"));
        assertFalse(Arrays.equals(a, keys.hash(UUID.randomUUID(), IdentifierKind.EMAIL, "ann@example.com")));
        assertFalse(Arrays.equals(a, keys.hash(SITE, IdentifierKind.USER, "ann@example.com")));
        assertFalse(Arrays.equals(
                a, new Keys(key(9), Map.of(1, key(2))).hash(SITE, IdentifierKind.EMAIL, "ann@example.com")));
    }

    @Test
    void sealed_values_open_after_a_rotation_and_new_ones_use_the_newest_key() {
        Keys before = new Keys(key(1), Map.of(1, key(2)));
        byte[] old = before.seal(SITE, "ann@example.com");
        Keys rotated = new Keys(key(1), Map.of(1, key(2), 2, key(3)));
        assertEquals("ann@example.com", rotated.open(SITE, 1, old));
        assertEquals(2, rotated.currentVersion());
        byte[] fresh = rotated.seal(SITE, "ann@example.com");
        assertEquals("ann@example.com", rotated.open(SITE, 2, fresh));
        assertThrows(IllegalStateException.class, () -> rotated.open(SITE, 1, fresh));
        assertThrows(IllegalStateException.class, () -> new Keys(key(1), Map.of(2, key(3))).open(SITE, 1, old));
    }

    @Test
    void an_altered_or_moved_value_does_not_open() {
        Keys keys = new Keys(key(1), Map.of(1, key(2)));
        byte[] sealed = keys.seal(SITE, "+491701234567");
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThrows(IllegalStateException.class, () -> keys.open(SITE, 1, altered));
        assertThrows(IllegalStateException.class, () -> keys.open(UUID.randomUUID(), 1, sealed));
    }

    @Test
    void configured_key_versions_are_parsed() {
        String k = Base64.getEncoder().encodeToString(key(5));
        Map<Integer, byte[]> parsed = Keys.parseVersions("1:" + k + ", 3:" + k);
        assertEquals(2, parsed.size());
        assertArrayEquals(key(5), parsed.get(3));
        assertThrows(IllegalArgumentException.class, () -> new Keys(key(1), Map.of(1, new byte[16])));
        assertThrows(IllegalArgumentException.class, () -> Keys.parseVersions("nokey"));
    }
}
