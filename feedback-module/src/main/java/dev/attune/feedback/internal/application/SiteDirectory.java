package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.internal.persistence.JdbcSiteRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Sites by id for the ingest path, remembered briefly like their keys (a site's settings change rarely). */
@ApplicationScoped
public class SiteDirectory {
    private record Entry(SiteSummary site, long expiresAtNanos) {
    }

    private static final long TTL_NANOS = 30_000_000_000L;
    private final Map<UUID, Entry> sites = new ConcurrentHashMap<>();

    @Inject
    JdbcSiteRepository repository;

    void forget(UUID siteId) {
        sites.remove(siteId);
    }

    public SiteSummary require(UUID siteId) {
        long now = System.nanoTime();
        Entry e = sites.get(siteId);
        if (e != null && e.expiresAtNanos() - now > 0) {
            return e.site();
        }
        SiteSummary site = repository.findById(siteId)
                .orElseThrow(() -> new IllegalArgumentException("No site " + siteId));
        sites.put(siteId, new Entry(site, now + TTL_NANOS));
        return site;
    }
}
