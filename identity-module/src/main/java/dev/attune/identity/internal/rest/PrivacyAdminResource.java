package dev.attune.identity.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.identity.api.PrivacyRequest;
import dev.attune.identity.api.PrivacyService;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Data subject requests: export and erasure of a person, their status and receipts. */
@Path("v1/admin/privacy")
@RequestScoped
@Tag(name = "Admin: privacy")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyAdminResource {
    @Inject
    PrivacyService privacy;

    @Inject
    SiteService sites;

    @Inject
    AuditLog audit;

    @POST
    @Path("requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Request an export or an erasure",
            description = "{\"siteId\", \"personId\", \"kind\": \"export\"|\"erasure\", "
                    + "\"now\": false}: queued with the configured deadline (the queue picks it up within seconds); \"now\": true processes it "
                    + "before answering. Answers the request (201).")
    public Response create(InputStream body) {
        JsonObject json = IdentityJson.read(body);
        UUID site = IdentityJson.site(sites, IdentityJson.string(json, "siteId"), "siteId");
        UUID person = IdentityJson.uuid(IdentityJson.string(json, "personId"), "personId");
        String kind = IdentityJson.string(json, "kind");
        PrivacyRequest r;
        if ("export".equals(kind)) {
            r = privacy.requestExport(site, person);
        } else if ("erasure".equals(kind)) {
            r = privacy.requestErasure(site, person);
        } else {
            throw InvalidInputException.of("kind", "must be \"export\" or \"erasure\"");
        }
        if (json.getBoolean("now", false)) {
            r = privacy.process(r.id());
        }
        return Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(IdentityJson.request(r).build().toString())
                .build();
    }

    @GET
    @Path("requests")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(
            summary = "A site's requests",
            description = "?site=<id>&limit=100, newest first, with status, deadline and receipt.")
    public String list(@QueryParam("site") String site, @QueryParam("limit") Integer limit) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        privacy.list(IdentityJson.site(sites, site, "site"), limit == null ? 100 : limit)
                .forEach(r -> list.add(IdentityJson.request(r)));
        return JSON.createObjectBuilder().add("requests", list).build().toString();
    }

    @GET
    @Path("requests/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    public String get(@PathParam("id") String id) {
        return IdentityJson.request(find(id)).build().toString();
    }

    @POST
    @Path("requests/{id}/process")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Process a queued request now",
            description = "Answers the request afterwards (done, or failed with the reason).")
    public String process(@PathParam("id") String id) {
        return IdentityJson.request(privacy.process(find(id).id())).build().toString();
    }

    @GET
    @Path("requests/{id}/document")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Download an export",
            description = "The JSON document with everything every module holds about the person. Audited.")
    public Response document(@PathParam("id") String id) {
        PrivacyRequest r = find(id);
        String doc = privacy.document(r.id())
                .orElseThrow(() -> new ApiProblem(
                        409,
                        "No document",
                        "Request " + id + " is " + r.status()
                                + (r.kind().equals("export") ? "" : " and is not an export")));
        audit.record(
                "privacy.export.download",
                r.personId().toString(),
                AuditOutcome.SUCCESS,
                Map.of("request", r.id().toString()));
        return Response.ok(doc, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"attune-export-" + r.personId() + ".json\"")
                .build();
    }

    @GET
    @Path("inventory")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "The data inventory",
            description = "Every kind of personal data Attune stores: module, kind, where, what, why, " + "how long.")
    public String inventory() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        privacy.inventory()
                .forEach(i -> list.add(JSON.createObjectBuilder()
                        .add("module", i.module())
                        .add("kind", i.kind())
                        .add("location", i.location())
                        .add("contents", i.contents())
                        .add("purpose", i.purpose())
                        .add("retention", i.retention())));
        return JSON.createObjectBuilder().add("items", list).build().toString();
    }

    private PrivacyRequest find(String id) {
        return privacy.find(IdentityJson.uuid(id, "id"))
                .orElseThrow(() -> new ApiProblem(404, "Unknown request", "No privacy request " + id));
    }
}
