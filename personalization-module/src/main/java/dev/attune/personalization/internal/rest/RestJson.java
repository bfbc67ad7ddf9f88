package dev.attune.personalization.internal.rest;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.JsonBodies;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.InputStream;
import java.util.UUID;

/** Reading the admin resources' JSON bodies: one object, string fields. */
final class RestJson {
    private RestJson() {}

    /** Bodies are read whole: a bound keeps one request from filling the heap (1,000 items fit many times over). */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    /** The body as a JSON object, or a problem on "(body)" (or on the key given twice). */
    static JsonObject read(InputStream body) {
        return JsonBodies.readObject(body, MAX_BYTES);
    }

    /** The field's string, or null when absent or not a string. */
    static String string(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }

    /** The site of a server-to-server call: its secret key as a bearer token, or 401. */
    static SiteSummary secretKey(SiteService sites, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(
                    401, "Missing API key", "Send the site's secret key as 'Authorization: Bearer sk_...'");
        }
        return sites.authenticateSecretKey(authorization.substring(7).trim())
                .orElseThrow(() -> new ApiProblem(401, "Unknown API key", "The key is unknown or was revoked"));
    }

    /**
     * The existing site a query names (a 400 naming the parameter otherwise): services that act on a site's visitors
     * (consent, profiles) refuse an unknown one with an unchecked exception, which would be a 500.
     */
    static UUID knownSite(SiteService sites, String value, String field) {
        UUID site = ProfilesAdminResource.siteId(value);
        if (sites.findSite(site).isEmpty()) {
            throw InvalidInputException.of(field, "no such site");
        }
        return site;
    }

    /** The existing site a body names in "siteId" (a 400 naming the field otherwise). */
    static UUID siteOf(SiteService sites, JsonObject body) {
        UUID site = ProfilesAdminResource.siteId(string(body, "siteId"));
        if (sites.findSite(site).isEmpty()) {
            throw InvalidInputException.of("siteId", "no such site");
        }
        return site;
    }
}
