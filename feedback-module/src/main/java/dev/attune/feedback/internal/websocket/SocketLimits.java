package dev.attune.feedback.internal.websocket;

import io.github.bucket4j.Bucket;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What one browser may hold open: sockets per client address and per site, and a message rate per socket that every
 * message type counts against (hello, consent, identify and pings as much as events). A socket over a limit is closed
 * with a code the widget understands: 1013 (try again later) for too many sockets, 1008 (policy) for a socket that
 * sends faster than any widget does. Counted in {@code attune_widget_*} metrics. Per instance.
 */
@ApplicationScoped
public class SocketLimits {
    private static final String COUNTED = "attune.socket-counted";
    private static final String BUCKET = "attune.socket-bucket";

    @Inject
    @ConfigProperty(name = "attune.widget.sockets-per-address", defaultValue = "256")
    int perAddress;

    @Inject
    @ConfigProperty(name = "attune.widget.sockets-per-site", defaultValue = "50000")
    int perSite;

    @Inject
    @ConfigProperty(name = "attune.widget.messages-per-second", defaultValue = "20")
    int messagesPerSecond;

    @Inject
    MetricRegistry metrics;

    private final Map<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> bySite = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private Counter refusedAddress;
    private Counter refusedSite;
    private Counter closedForRate;

    @PostConstruct
    void init() {
        refusedAddress = metrics.counter("attune_widget_sockets_refused", new Tag("reason", "address"));
        refusedSite = metrics.counter("attune_widget_sockets_refused", new Tag("reason", "site"));
        closedForRate = metrics.counter("attune_widget_sockets_closed_for_rate");
        metrics.gauge("attune_widget_sockets_open", open, AtomicInteger::get);
    }

    /** Counts the socket in, or answers why it may not open (nothing counted then). */
    Optional<CloseReason> open(Session session, String address, UUID site) {
        String key = address == null ? "unknown" : address;
        AtomicInteger fromAddress = byAddress.computeIfAbsent(key, k -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > perAddress) {
            release(byAddress, key, fromAddress);
            refusedAddress.inc();
            return Optional.of(
                    new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too many open sockets from this address"));
        }
        AtomicInteger ofSite = bySite.computeIfAbsent(site, k -> new AtomicInteger());
        if (ofSite.incrementAndGet() > perSite) {
            release(bySite, site, ofSite);
            release(byAddress, key, fromAddress);
            refusedSite.inc();
            return Optional.of(
                    new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, "Too many open sockets for this site"));
        }
        open.incrementAndGet();
        session.getUserProperties().put(COUNTED, new Object[] {key, site});
        int rate = Math.max(1, messagesPerSecond);
        // a burst of three seconds' worth: a page's hello, consent, identify and queued events arrive together
        session.getUserProperties()
                .put(
                        BUCKET,
                        Bucket.builder()
                                .addLimit(l -> l.capacity(3L * rate).refillGreedy(rate, Duration.ofSeconds(1)))
                                .build());
        return Optional.empty();
    }

    /** Whether the socket may send this message; when not, the socket is to be closed with the answer. */
    Optional<CloseReason> message(Session session) {
        Object bucket = session.getUserProperties().get(BUCKET);
        if (bucket instanceof Bucket b && !b.tryConsume(1)) {
            closedForRate.inc();
            return Optional.of(new CloseReason(
                    CloseReason.CloseCodes.VIOLATED_POLICY, "Too many messages; at most " + messagesPerSecond + "/s"));
        }
        return Optional.empty();
    }

    void closed(Session session) {
        Object counted = session.getUserProperties().remove(COUNTED);
        if (counted instanceof Object[] c) {
            release(byAddress, (String) c[0], byAddress.get((String) c[0]));
            release(bySite, (UUID) c[1], bySite.get((UUID) c[1]));
            open.decrementAndGet();
        }
    }

    private static <K> void release(Map<K, AtomicInteger> counts, K key, AtomicInteger count) {
        if (count != null && count.decrementAndGet() <= 0) {
            counts.remove(key, count);
        }
    }
}
