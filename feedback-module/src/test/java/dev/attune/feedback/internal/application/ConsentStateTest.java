package dev.attune.feedback.internal.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.Purpose;
import dev.attune.feedback.api.SiteSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsentStateTest {

    private static SiteSummary site(ConsentMode mode) {
        return new SiteSummary(UUID.randomUUID(), "s", List.of(), "pk", "sk", Instant.now(), mode, 30, true);
    }

    @Test
    void without_choices_implied_grants_all_but_marketing_and_explicit_only_necessary() {
        ConsentState implied = DefaultConsentService.state(site(ConsentMode.IMPLIED), "a", Map.of());
        assertThat(implied.subjectId()).isEqualTo("a");
        assertThat(implied.chosen()).isEmpty();
        assertThat(implied.granted())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        Purpose.NECESSARY,
                        true,
                        Purpose.ANALYTICS,
                        true,
                        Purpose.PERSONALIZATION,
                        true,
                        Purpose.EXPERIMENTS,
                        true,
                        Purpose.MARKETING,
                        false));
        ConsentState explicit = DefaultConsentService.state(site(ConsentMode.EXPLICIT), "b", null);
        assertThat(explicit.subjectId()).isEqualTo("b");
        for (Purpose p : Purpose.values()) {
            assertThat(explicit.allows(p)).as(p.name()).isEqualTo(p == Purpose.NECESSARY);
        }
    }

    @Test
    void recorded_choices_override_the_mode_and_necessary_stays_granted() {
        ConsentState s = DefaultConsentService.state(
                site(ConsentMode.EXPLICIT),
                "c",
                Map.of(Purpose.ANALYTICS, true, Purpose.MARKETING, true, Purpose.NECESSARY, false));
        assertThat(s.allows(Purpose.ANALYTICS)).isTrue();
        assertThat(s.allows(Purpose.MARKETING)).isTrue();
        assertThat(s.allows(Purpose.PERSONALIZATION)).isFalse();
        assertThat(s.allows(Purpose.NECESSARY)).isTrue();
        assertThat(s.chosen()).containsEntry(Purpose.ANALYTICS, true).hasSize(3);
        ConsentState withdrawn =
                DefaultConsentService.state(site(ConsentMode.IMPLIED), "d", Map.of(Purpose.PERSONALIZATION, false));
        assertThat(withdrawn.allows(Purpose.PERSONALIZATION)).isFalse();
        assertThat(withdrawn.allows(Purpose.ANALYTICS)).isTrue();
    }
}
