package dev.attune.feedback.internal.rest;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.platform.api.ApiProblem;

/** Server-to-server calls carry the site's secret key as a bearer token. */
final class SecretKeys {
    private SecretKeys() {}

    static SiteSummary authenticate(SiteService sites, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(
                    401, "Missing API key", "Send the site's secret key as 'Authorization: Bearer sk_...'");
        }
        return sites.authenticateSecretKey(authorization.substring(7).trim())
                .orElseThrow(() -> new ApiProblem(401, "Unknown API key", "The key is unknown or was revoked"));
    }
}
