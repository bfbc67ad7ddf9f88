package dev.attune.platform.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-11-22T12:00:00Z");
    private final Clock clock = new Clock() {
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, 12, Duration.ofMinutes(10), clock);

    @Test
    void past_the_allowed_failures_each_further_try_waits_twice_as_long() {
        throttle.failed("Alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.lockedForSeconds("alice", "10.0.0.1")).isZero();

        throttle.failed("ALICE", "10.0.0.1");
        assertThat(throttle.lockedForSeconds("alice", "10.0.0.1")).isEqualTo(1);
        now = now.plusSeconds(1);
        assertThat(throttle.lockedForSeconds("alice", "10.0.0.1")).isZero();

        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.lockedForSeconds("alice", "10.0.0.1")).isEqualTo(2);
        now = now.plusSeconds(2);
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.lockedForSeconds("alice", "10.0.0.1")).isEqualTo(4);
    }

    @Test
    void failing_someones_name_from_elsewhere_never_locks_them_out() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("admin", "10.6.6.6");
        }

        assertThat(throttle.lockedForSeconds("admin", "10.6.6.6")).isPositive();
        assertThat(throttle.lockedForSeconds("admin", "10.0.0.1")).isZero();
    }

    @Test
    void the_delay_never_exceeds_the_window_and_ends_with_it() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("bob", "10.0.0.1");
        }
        assertThat(throttle.lockedForSeconds("bob", "10.0.0.1")).isEqualTo(600);

        now = now.plus(Duration.ofMinutes(10)).plusSeconds(1);
        assertThat(throttle.lockedForSeconds("bob", "10.0.0.1")).isZero();
    }

    @Test
    void a_success_clears_the_users_failures_from_that_address() {
        throttle.failed("bob", "10.0.0.1");
        throttle.failed("bob", "10.0.0.1");
        throttle.succeeded("bob", "10.0.0.1");
        throttle.failed("bob", "10.0.0.1");

        assertThat(throttle.lockedForSeconds("bob", "10.0.0.1")).isZero();
    }

    @Test
    void one_address_guessing_many_names_is_slowed_too() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("user" + i, "10.6.6.6");
        }

        assertThat(throttle.lockedForSeconds("someone-new", "10.6.6.6")).isPositive();
        assertThat(throttle.lockedForSeconds("someone-new", "10.0.0.1")).isZero();
    }
}
