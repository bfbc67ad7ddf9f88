package dev.attune.platform.internal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdleHeapPolicyTest {
    private static final long S = 1_000_000_000L;
    private static final long MB = 1 << 20;
    private final IdleHeapPolicy policy = new IdleHeapPolicy(30 * S);

    @Test
    void collects_once_the_server_went_the_idle_time_without_a_collection() {
        assertThat(policy.due(0, 10, 1200 * MB)).isFalse();
        assertThat(policy.due(20 * S, 11, 1200 * MB))
                .as("a collection just ran: busy")
                .isFalse();
        assertThat(policy.due(45 * S, 11, 1200 * MB)).as("25 s quiet").isFalse();
        assertThat(policy.due(50 * S, 11, 1200 * MB)).as("30 s quiet").isTrue();
    }

    @Test
    void a_quiet_server_is_not_collected_again_until_a_burst_grew_the_heap() {
        policy.due(0, 10, 1200 * MB);
        assertThat(policy.due(30 * S, 10, 1200 * MB)).isTrue();
        policy.collected(31 * S, 11, 800 * MB);

        assertThat(policy.due(70 * S, 11, 800 * MB))
                .as("still quiet, nothing to give back")
                .isFalse();
        policy.due(100 * S, 12, 820 * MB); // a young collection: a little traffic
        assertThat(policy.due(140 * S, 12, 820 * MB))
                .as("quiet again, the heap did not grow")
                .isFalse();

        policy.due(200 * S, 40, 1300 * MB); // a burst
        assertThat(policy.due(215 * S, 40, 1300 * MB)).isFalse();
        assertThat(policy.due(230 * S, 40, 1300 * MB))
                .as("quiet after a burst that grew the heap")
                .isTrue();
    }
}
