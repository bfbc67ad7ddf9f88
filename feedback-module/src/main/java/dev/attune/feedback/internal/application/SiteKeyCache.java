package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.SiteSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Known key hashes → their site, for a short time: ingest authenticates every request, and a database round trip
 * per request was the largest cost of ingest. Unknown keys are not cached (a guess costs a lookup each time, which
 * the rate limits bound). A revoked key stops working on this instance at once and on others within the TTL.
 */
@ApplicationScoped
public class SiteKeyCache {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(SiteSummary site, long expiresAtNanos) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private long ttlNanos;

    SiteKeyCache() {
        // for CDI
    }

    @Inject
    SiteKeyCache(@ConfigProperty(name = "attune.sites.key-cache-seconds", defaultValue = "30") long ttlSeconds) {
        this.ttlNanos = Duration.ofSeconds(ttlSeconds).toNanos();
    }

    Optional<SiteSummary> get(String keyHash, Function<String, Optional<SiteSummary>> load) {
        long now = System.nanoTime();
        Entry e = entries.get(keyHash);
        if (e != null && e.expiresAtNanos() - now > 0) {
            return Optional.of(e.site());
        }
        Optional<SiteSummary> site = load.apply(keyHash);
        if (site.isPresent() && ttlNanos > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(keyHash, new Entry(site.get(), now + ttlNanos));
        } else {
            entries.remove(keyHash);
        }
        return site;
    }

    void forgetSite(UUID siteId) {
        entries.values().removeIf(e -> e.site().id().equals(siteId));
    }
}
