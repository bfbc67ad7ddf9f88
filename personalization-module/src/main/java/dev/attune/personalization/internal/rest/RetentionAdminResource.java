package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.ProfileRetention;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Profile retention per site: the policy, and a run now. */
@Path("v1/admin/retention/profiles")
@RequestScoped
@Tag(name = "Admin: retention")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionAdminResource {
    @Inject
    ProfileRetention retention;

    @Inject
    SiteService sites;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "A site's profile retention",
            description = "?site=<id>: days a profile is kept after the visitor was last seen.")
    public String get(@QueryParam("site") String site) {
        UUID siteId = existing(site);
        return JSON.createObjectBuilder()
                .add("siteId", siteId.toString())
                .add("profileDays", retention.profileDays(siteId))
                .build()
                .toString();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Change a site's profile retention",
            description = "{\"siteId\", \"profileDays\": 1..3650}; audited.")
    public String put(InputStream body) {
        JsonObject json = RestJson.read(body);
        UUID siteId = RestJson.siteOf(sites, json);
        if (!(json.get("profileDays") instanceof JsonNumber n) || !n.isIntegral()) {
            throw InvalidInputException.of("profileDays", "is required: a whole number of days, 1 to 3650");
        }
        retention.setProfileDays(siteId, n.intValue());
        return get(siteId.toString());
    }

    @POST
    @Path("run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Apply every site's profile retention now",
            description = "Also runs every night; each site's run is an audited "
                    + "report. Answers profiles deleted per site.")
    public String run() {
        JsonObjectBuilder out = JSON.createObjectBuilder();
        retention.enforce("manual").forEach((site, n) -> out.add(site.toString(), n));
        return JSON.createObjectBuilder().add("deleted", out).build().toString();
    }

    private UUID existing(String site) {
        UUID siteId = ProfilesAdminResource.siteId(site);
        if (sites.findSite(siteId).isEmpty()) {
            throw InvalidInputException.of("site", "no such site");
        }
        return siteId;
    }
}
