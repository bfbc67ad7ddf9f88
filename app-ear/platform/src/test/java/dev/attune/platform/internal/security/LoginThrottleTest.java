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
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(10), clock);

    @Test
    void a_user_is_locked_after_the_allowed_failures_until_the_window_passes() {
        throttle.failed("Alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.2");
        assertThat(throttle.lockedForSeconds("alice", "10.0.0.3")).isZero();

        throttle.failed("ALICE", "10.0.0.3");
        assertThat(throttle.lockedForSeconds("alice", "10.0.0.9")).isEqualTo(600);

        now = now.plus(Duration.ofMinutes(10)).plusSeconds(1);
        assertThat(throttle.lockedForSeconds("alice", "10.0.0.9")).isZero();
    }

    @Test
    void a_success_clears_the_users_failures() {
        throttle.failed("bob", "10.0.0.1");
        throttle.failed("bob", "10.0.0.1");
        throttle.succeeded("bob");
        throttle.failed("bob", "10.0.0.1");

        assertThat(throttle.lockedForSeconds("bob", "10.0.0.2")).isZero();
    }

    @Test
    void one_address_guessing_many_names_is_locked_too() {
        for (int i = 0; i < 12; i++) {
            throttle.failed("user" + i, "10.6.6.6");
        }

        assertThat(throttle.lockedForSeconds("someone-new", "10.6.6.6")).isPositive();
        assertThat(throttle.lockedForSeconds("someone-new", "10.0.0.1")).isZero();
    }
}
