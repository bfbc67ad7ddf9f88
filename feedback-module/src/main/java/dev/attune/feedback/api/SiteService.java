package dev.attune.feedback.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sites that send feedback, each with a browser (public) key bound to its origins and a server (secret) key. */
public interface SiteService {

    /** Creates a site; the keys in the answer are never shown again. Rejects a duplicate name or a bad origin. */
    SiteKeys createSite(String name, List<String> allowedOrigins, ConsentMode consentMode);

    /** A site whose visitors must consent before anything beyond necessary is kept (the privacy-first default). */
    default SiteKeys createSite(String name, List<String> allowedOrigins) {
        return createSite(name, allowedOrigins, ConsentMode.EXPLICIT);
    }

    /** Live sites, newest first. */
    List<SiteSummary> listSites();

    /** Replaces one key; the old one stops working at once here (on other instances within the key-cache time). */
    String rotateKey(UUID siteId, KeyKind kind);

    /** Replaces the origins browsers may send from; rejects an origin that is not scheme://host[:port]. */
    SiteSummary updateAllowedOrigins(UUID siteId, List<String> allowedOrigins);

    /** Sets how many days raw events are kept (1 to 3650); shortening it takes effect at the next retention run. */
    SiteSummary updateRetention(UUID siteId, int retentionDays);

    /**
     * Whether a browser's identify must carry {@code userHash}, the HMAC of its user id under the site's verification
     * secret (on for sites created since verification exists). Off, a browser's identify is only an unverified claim.
     */
    SiteSummary updateIdentityVerification(UUID siteId, boolean required);

    Optional<SiteSummary> findSite(UUID siteId);

    /** The site whose live secret key this is. */
    Optional<SiteSummary> authenticateSecretKey(String secretKey);

    /** The site whose live public (browser) key this is, if the browser's Origin is one the site allows. */
    Optional<SiteSummary> authenticatePublicKey(String publicKey, String origin);
}
