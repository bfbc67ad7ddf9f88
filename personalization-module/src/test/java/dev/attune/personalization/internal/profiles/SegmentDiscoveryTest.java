package dev.attune.personalization.internal.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.personalization.api.Profile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SegmentDiscoveryTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static Profile profile(int i, long events, double rating, int nps, double mobile, long purchases) {
        long m = Math.round(events * mobile);
        return new Profile(
                UUID.randomUUID(),
                "s" + i,
                events,
                NOW.minusSeconds(86_400 * 30),
                NOW.minusSeconds(3600),
                NOW,
                List.of(),
                List.of(),
                rating,
                3,
                nps,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                events * 1.5,
                Map.of("mobile", m, "desktop", events - m),
                Map.of("purchase", purchases, "page_view", events - purchases));
    }

    @Test
    void two_kinds_of_visitors_come_out_as_two_groups_described_by_what_sets_them_apart() {
        Random r = new Random(5);
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < 60; i++) { // happy desktop buyers
            profiles.add(profile(
                    i,
                    40 + r.nextInt(10),
                    4.5 + r.nextDouble() * 0.5,
                    9 + r.nextInt(2),
                    0.1 * r.nextDouble(),
                    8 + r.nextInt(3)));
        }
        for (int i = 60; i < 100; i++) { // unhappy mobile browsers
            profiles.add(profile(i, 5 + r.nextInt(4), 1 + r.nextDouble(), r.nextInt(4), 0.9 + 0.1 * r.nextDouble(), 0));
        }
        List<SegmentDiscovery.Group> groups = SegmentDiscovery.discover(profiles, 2, NOW);
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).size()).isEqualTo(60);
        assertThat(groups.get(1).size()).isEqualTo(40);
        assertThat(groups.get(0).averages().get("averageRating")).isGreaterThan(4.4);
        assertThat(groups.get(1).averages().get("mobileShare")).isGreaterThan(0.85);
        assertThat(groups.get(1).description())
                .containsAnyOf("detractors", "rate low", "mostly on mobile", "few events", "rarely buy");
        assertThat(groups.get(0).description())
                .containsAnyOf("promoters", "rate high", "mostly on desktop", "very active", "buy often");
        assertThat(SegmentDiscovery.discover(profiles.subList(0, 5), 2, NOW))
                .as("too few profiles")
                .isEmpty();
    }
}
