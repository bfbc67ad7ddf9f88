package dev.attune.admin.govern;

import dev.attune.identity.api.Person;
import dev.attune.identity.api.PrivacyRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Privacy requests and persons for the privacy tests. */
final class PrivacyFixtures {
    static final UUID SITE = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final UUID ANN = UUID.fromString("3f2c9a10-5d7e-4b1a-9c3e-0d8f6a2b4c11");
    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private PrivacyFixtures() {}

    static Person person(UUID id) {
        return new Person(id, SITE, 2, false, T, T, List.of("anon-1"));
    }

    static PrivacyRequest request(String kind, String status, String receipt) {
        return new PrivacyRequest(
                UUID.fromString("11111111-0000-0000-0000-000000000001"),
                SITE,
                ANN,
                kind,
                status,
                "alice",
                T,
                T.plusSeconds(30L * 24 * 3600),
                "done".equals(status) ? T : null,
                receipt,
                null);
    }
}
