package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.internal.persistence.JdbcSiteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sites by id for the ingest path, remembered briefly like their keys (a site's settings change rarely). */
@ApplicationScoped
public class SiteDirectory {
    private record Entry(SiteSummary site, long expiresAtNanos) {}

    private final Map<UUID, Entry> sites = new ConcurrentHashMap<>();

    @Inject
    JdbcSiteRepository repository;

    /** The same time as verified keys: one setting bounds how long a site change takes to reach every instance. */
    @Inject
    @ConfigProperty(name = "attune.sites.key-cache-seconds", defaultValue = "30")
    long ttlSeconds;

    void forget(UUID siteId) {
        sites.remove(siteId);
    }

    public SiteSummary require(UUID siteId) {
        long now = System.nanoTime();
        Entry e = sites.get(siteId);
        if (e != null && e.expiresAtNanos() - now > 0) {
            return e.site();
        }
        SiteSummary site =
                repository.findById(siteId).orElseThrow(() -> new IllegalArgumentException("No site " + siteId));
        sites.put(siteId, new Entry(site, now + TimeUnit.SECONDS.toNanos(ttlSeconds)));
        return site;
    }
}
