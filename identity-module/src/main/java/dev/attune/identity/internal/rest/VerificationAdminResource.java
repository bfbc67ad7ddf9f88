package dev.attune.identity.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.IdentityVerification;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The site's identity verification secret, for the site's server to sign user ids with. Admins only; every read and
 * rotation is audited. Whether browsers must verify is the site's setting (PUT /api/v1/admin/sites/{id}/identity-verification).
 */
@Path("v1/admin/identity/verification")
@RequestScoped
@Tag(name = "Admin: identity")
@Produces(MediaType.APPLICATION_JSON)
public class VerificationAdminResource {
    @Inject
    IdentityVerification verification;

    @Inject
    SiteService sites;

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "The site's identity verification secret",
            description =
                    "?site=<id>. The site's server computes userHash = hex(HMAC-SHA256(key = secret, message = "
                            + "user id)), both UTF-8, and the page passes it: attune.identify(userId, traits, userHash). Audited.")
    public String secret(@QueryParam("site") String site) {
        SiteSummary s = site(site);
        return json(s, verification.reveal(s.id())).build().toString();
    }

    @POST
    @Path("rotate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Rotate the site's identity verification secret",
            description = "?site=<id>. Hashes signed with the old secret stop verifying at once. Audited.")
    public String rotate(@QueryParam("site") String site) {
        SiteSummary s = site(site);
        return json(s, verification.rotate(s.id())).build().toString();
    }

    private SiteSummary site(String site) {
        UUID id = IdentityJson.site(sites, site, "site");
        return sites.findSite(id).orElseThrow(() -> new ApiProblem(404, "Unknown site", "No site " + id));
    }

    private static JsonObjectBuilder json(SiteSummary site, IdentityVerification.Secret secret) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("siteId", site.id().toString())
                .add("required", site.identityVerification())
                .add("secret", secret.value())
                .add("version", secret.version())
                .add("algorithm", "hex(HMAC-SHA256(key = secret, message = user id))");
        if (secret.rotatedAt() != null) {
            b.add("rotatedAt", secret.rotatedAt().toString());
        }
        return b;
    }
}
