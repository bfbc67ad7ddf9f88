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
 * Growing delays for failed sign-ins, never a lock-out of a name. Failures are counted in a sliding window per user
 * name <em>and</em> client address: past {@code maxFailures} the next try must wait 1 s after the last failure, then
 * 2, 4, 8 … s, at most the window. A stranger failing "admin" from elsewhere therefore slows only their own tries, not
 * the admin's. One address guessing many names is slowed the same way past {@code addressMaxFailures}. A success
 * clears that user's failures from that address. Per instance; the cluster issue moves the counts to the grid.
 */
@ApplicationScoped
class LoginThrottle {
    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private int maxFailures;
    private int addressMaxFailures;
    private Duration window;
    private Clock clock;

    LoginThrottle() {
        // for CDI
    }

    @Inject
    LoginThrottle(
            @ConfigProperty(name = "attune.security.login.max-failures", defaultValue = "5") int maxFailures,
            @ConfigProperty(name = "attune.security.login.address-max-failures", defaultValue = "20")
                    int addressMaxFailures,
            @ConfigProperty(name = "attune.security.login.window-seconds", defaultValue = "900") long windowSeconds) {
        this(maxFailures, addressMaxFailures, Duration.ofSeconds(windowSeconds), Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, int addressMaxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.addressMaxFailures = addressMaxFailures;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until the caller may try again, or 0. */
    long lockedForSeconds(String username, String address) {
        return Math.max(wait(pairKey(username, address), maxFailures), wait(addressKey(address), addressMaxFailures));
    }

    void failed(String username, String address) {
        if (failures.size() > MAX_TRACKED_KEYS) {
            failures.entrySet().removeIf(e -> prune(e.getValue()) == 0);
        }
        record(pairKey(username, address));
        record(addressKey(address));
    }

    void succeeded(String username, String address) {
        failures.remove(pairKey(username, address));
    }

    private void record(String key) {
        failures.compute(key, (k, q) -> {
            Deque<Instant> d = q == null ? new ArrayDeque<>() : q;
            d.addLast(clock.instant());
            prune(d);
            return d;
        });
    }

    /** After {@code limit} failures: 1 s after the last one, doubling with each further failure, at most the window. */
    private long wait(String key, int limit) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        synchronized (d) {
            int n = prune(d);
            if (n < limit) {
                return 0;
            }
            long delay = Math.min(window.toSeconds(), 1L << Math.min(30, n - limit));
            Instant next = d.peekLast().plusSeconds(delay);
            long seconds = Duration.between(clock.instant(), next).toMillis();
            return seconds <= 0 ? 0 : Math.max(1, (seconds + 999) / 1000);
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

    private static String pairKey(String username, String address) {
        return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT)) + "\u0000" + address;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
