package dev.attune.platform.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditHashTest {
    private static final Instant AT = Instant.parse("2026-11-22T12:00:00.123456Z");

    @Test
    void the_hash_depends_on_every_field_and_the_previous_hash() {
        String base = AuditHash.of(AuditHash.GENESIS, AT, "admin", "site.create", "s1", "SUCCESS", "127.0.0.1", "{}");

        assertThat(base)
                .hasSize(64)
                .isEqualTo(AuditHash.of(
                        AuditHash.GENESIS, AT, "admin", "site.create", "s1", "SUCCESS", "127.0.0.1", "{}"));
        assertThat(AuditHash.of("1".repeat(64), AT, "admin", "site.create", "s1", "SUCCESS", "127.0.0.1", "{}"))
                .isNotEqualTo(base);
        assertThat(AuditHash.of(
                        AuditHash.GENESIS,
                        AT.plusNanos(1000),
                        "admin",
                        "site.create",
                        "s1",
                        "SUCCESS",
                        "127.0.0.1",
                        "{}"))
                .isNotEqualTo(base);
        assertThat(AuditHash.of(AuditHash.GENESIS, AT, "admin", "site.create", "s1", "SUCCESS", null, "{}"))
                .isNotEqualTo(base);
        assertThat(AuditHash.of(AuditHash.GENESIS, AT, "admin", "site.create", "s1", "FAILURE", "127.0.0.1", "{}"))
                .isNotEqualTo(base);
    }

    @Test
    void fields_cannot_bleed_into_each_other() {
        assertThat(AuditHash.of(AuditHash.GENESIS, AT, "ab", "c", null, "SUCCESS", null, "{}"))
                .isNotEqualTo(AuditHash.of(AuditHash.GENESIS, AT, "a", "bc", null, "SUCCESS", null, "{}"));
        assertThat(AuditHash.of(AuditHash.GENESIS, AT, "a", "b", "", "SUCCESS", null, "{}"))
                .isNotEqualTo(AuditHash.of(AuditHash.GENESIS, AT, "a", "b", null, "SUCCESS", null, "{}"));
    }

    @Test
    void only_microseconds_count_as_postgresql_stores_them() {
        assertThat(AuditHash.of(AuditHash.GENESIS, AT.plusNanos(999), "a", "b", null, "SUCCESS", null, "{}"))
                .isEqualTo(AuditHash.of(AuditHash.GENESIS, AT, "a", "b", null, "SUCCESS", null, "{}"));
    }
}
