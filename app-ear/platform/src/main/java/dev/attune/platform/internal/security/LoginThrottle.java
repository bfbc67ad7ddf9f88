package dev.attune.platform.internal.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts failed logins per user name and per client address in a sliding window. A user name is locked after
 * {@code maxFailures} failures; an address after four times as many (one attacker, many names).
 * Single-instance for now: the counters move to the cluster's shared map when instances scale out.
 */
@ApplicationScoped
class LoginThrottle {
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private int maxFailures;
    private Duration window;
    private Clock clock;

    LoginThrottle() {
        // for CDI
    }

    @Inject
    LoginThrottle(
            @ConfigProperty(name = "attune.security.login.max-failures", defaultValue = "5") int maxFailures,
            @ConfigProperty(name = "attune.security.login.window-seconds", defaultValue = "900") long windowSeconds) {
        this(maxFailures, Duration.ofSeconds(windowSeconds), Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until the caller may try again, or 0 when not locked. */
    long lockedForSeconds(String username, String address) {
        return Math.max(wait(userKey(username), maxFailures), wait(addressKey(address), maxFailures * 4));
    }

    void failed(String username, String address) {
        if (failures.size() > MAX_TRACKED_KEYS) {
            failures.entrySet().removeIf(e -> prune(e.getValue()) == 0);
        }
        record(userKey(username));
        record(addressKey(address));
    }

    void succeeded(String username) {
        failures.remove(userKey(username));
    }

    private void record(String key) {
        failures.compute(key, (k, q) -> {
            Deque<Instant> d = q == null ? new ArrayDeque<>() : q;
            d.addLast(clock.instant());
            prune(d);
            return d;
        });
    }

    private long wait(String key, int limit) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            if (prune(d) < limit) {
                return 0;
            }
            Instant unlock = d.peekFirst().plus(window);
            return Math.max(1, Duration.between(clock.instant(), unlock).toSeconds());
        }
    }

    private int prune(Deque<Instant> d) {
        synchronized (d) {
            Instant horizon = clock.instant().minus(window);
            while (!d.isEmpty() && d.peekFirst().isBefore(horizon)) {
                d.removeFirst();
            }
            return d.size();
        }
    }

    private static String userKey(String username) {
        return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
