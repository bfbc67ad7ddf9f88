package dev.attune.feedback.internal.integrity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admission limits (token buckets): events per site per second, and events per client address per minute for
 * browser traffic. Over a limit, ingest refuses with 429 and Retry-After; nothing is acknowledged, so the sender's
 * retry loses nothing. Buckets are per instance for now; Bucket4j's Hazelcast back end shares them across instances.
 */
@ApplicationScoped
public class RateLimits {
    @Inject
    @ConfigProperty(name = "attune.ratelimit.site-events-per-second", defaultValue = "20000")
    long siteEventsPerSecond;

    @Inject
    @ConfigProperty(name = "attune.ratelimit.address-events-per-minute", defaultValue = "1200")
    long addressEventsPerMinute;

    private Cache<UUID, Bucket> sites;
    private Cache<String, Bucket> addresses;

    @PostConstruct
    void init() {
        // a bucket smaller than the largest batch would refuse that batch for ever
        siteEventsPerSecond = Math.max(siteEventsPerSecond, 500);
        addressEventsPerMinute = Math.max(addressEventsPerMinute, 500);
        sites = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterAccess(Duration.ofMinutes(10))
                .build();
        // a bucket left alone for its refill period (a minute) is full again, the same as a new one
        addresses = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterAccess(Duration.ofMinutes(1))
                .scheduler(Scheduler.systemScheduler())
                .build();
    }

    /** Empty when admitted; otherwise how long to wait. */
    public Optional<Duration> admitSite(UUID siteId, int events) {
        Bucket bucket = sites.get(
                siteId,
                k -> Bucket.builder()
                        .addLimit(l -> l.capacity(siteEventsPerSecond)
                                .refillGreedy(siteEventsPerSecond, Duration.ofSeconds(1)))
                        .build());
        return admit(bucket, events);
    }

    /** Empty when admitted (or the address is unknown); otherwise how long to wait. */
    public Optional<Duration> admitAddress(String address, int events) {
        if (address == null) {
            return Optional.empty();
        }
        Bucket bucket = addresses.get(
                address,
                k -> Bucket.builder()
                        .addLimit(l -> l.capacity(addressEventsPerMinute)
                                .refillGreedy(addressEventsPerMinute, Duration.ofMinutes(1)))
                        .build());
        return admit(bucket, events);
    }

    private static Optional<Duration> admit(Bucket bucket, int events) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(events);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(probe.getNanosToWaitForRefill(), 1_000_000)));
    }
}
