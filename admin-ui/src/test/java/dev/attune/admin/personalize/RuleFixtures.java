package dev.attune.admin.personalize;

import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.Segment;
import java.time.Instant;
import java.util.UUID;

/** Rules for the rule tests. */
final class RuleFixtures {
    static final UUID SITE = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private RuleFixtures() {}

    static Rule rule(boolean active, String definition) {
        return new Rule(
                UUID.randomUUID(),
                SITE,
                "fill-home",
                "Fill home",
                "More of their genre",
                5,
                definition,
                active,
                3,
                T,
                T,
                2,
                9,
                1);
    }

    static Segment segment(String key) {
        return new Segment(UUID.randomUUID(), SITE, key, key, null, "{}", true, T, 10);
    }
}
