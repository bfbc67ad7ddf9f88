package dev.attune.identity.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.identity.api.LinkageService;
import dev.attune.identity.api.LinkageService.ImportSummary;
import dev.attune.identity.api.LinkageService.ReviewItem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Contact imports with probabilistic record linkage, and the review queue of uncertain pairs. */
@Path("v1/admin/identity/linkage")
@RequestScoped
@Tag(name = "Admin: identity")
@Produces(MediaType.APPLICATION_JSON)
public class LinkageAdminResource {
    @Inject
    LinkageService linkage;

    @Inject
    SiteService sites;

    @Inject
    AuditLog audit;

    @POST
    @Path("imports")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Import contacts (CSV) and link them",
            description =
                    "?site=<id>&source=crm&file=name.csv&match=0.95&review=0.5; body: CSV (UTF-8) with a "
                            + "header: id (required, unique), user_id, email, phone, given_name, surname, date_of_birth, street, postcode, city, state. "
                            + "Likely matches are linked at once, uncertain pairs go to the review queue. A malformed row refuses the whole file (400).")
    public Response importContacts(
            @QueryParam("site") String site,
            @QueryParam("source") String source,
            @QueryParam("file") String file,
            @QueryParam("match") Double match,
            @QueryParam("review") Double review,
            InputStream body) {
        UUID siteId = IdentityJson.site(sites, site, "site");
        ImportSummary s = linkage.importContacts(
                siteId, source, file, new InputStreamReader(body, StandardCharsets.UTF_8), match, review);
        return Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(json(s).build().toString())
                .build();
    }

    @GET
    @Path("imports")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    public String imports(@QueryParam("site") String site, @QueryParam("limit") Integer limit) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        linkage.imports(IdentityJson.site(sites, site, "site"), limit == null ? 50 : limit)
                .forEach(s -> list.add(json(s)));
        return JSON.createObjectBuilder().add("imports", list).build().toString();
    }

    @GET
    @Path("imports/{id}/persons")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "What an import resolved to",
            description = "?site=<id>: every contact id of the file with the person it belongs "
                    + "to now (after links and reviews), for syncing back to the CRM. Audited.")
    public String persons(@PathParam("id") String id, @QueryParam("site") String site) {
        UUID siteId = IdentityJson.site(sites, site, "site");
        UUID importId = IdentityJson.uuid(id, "id");
        JsonArrayBuilder list = JSON.createArrayBuilder();
        Map<String, UUID> persons = linkage.persons(siteId, importId);
        persons.forEach((contact, person) ->
                list.add(JSON.createObjectBuilder().add("id", contact).add("personId", person.toString())));
        audit.record(
                "identity.import.read", importId.toString(), AuditOutcome.SUCCESS, Map.of("contacts", persons.size()));
        return JSON.createObjectBuilder().add("contacts", list).build().toString();
    }

    @GET
    @Path("reviews")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "The review queue",
            description = "?site=<id>&status=open|accepted|rejected (default open)&limit=100: both contacts "
                    + "in clear (audited), probability and per-field reasons.")
    public String reviews(
            @QueryParam("site") String site, @QueryParam("status") String status, @QueryParam("limit") Integer limit) {
        UUID siteId = IdentityJson.site(sites, site, "site");
        List<ReviewItem> items = linkage.reviews(
                siteId, status == null ? "open" : status.isBlank() ? null : status, limit == null ? 100 : limit);
        audit.record("identity.review.read", siteId.toString(), AuditOutcome.SUCCESS, Map.of("items", items.size()));
        JsonArrayBuilder list = JSON.createArrayBuilder();
        items.forEach(i -> list.add(json(i)));
        return JSON.createObjectBuilder().add("reviews", list).build().toString();
    }

    @POST
    @Path("reviews/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Decide a review item",
            description = "{\"siteId\", \"samePerson\": true|false}; true links the two contacts "
                    + "(409 if that would join two user ids).")
    public String decide(@PathParam("id") long id, InputStream body) {
        JsonObject json = IdentityJson.read(body);
        UUID siteId = IdentityJson.site(sites, IdentityJson.string(json, "siteId"), "siteId");
        if (!json.containsKey("samePerson")
                || !(json.get("samePerson").getValueType() == JsonValue.ValueType.TRUE
                        || json.get("samePerson").getValueType() == JsonValue.ValueType.FALSE)) {
            throw InvalidInputException.of("samePerson", "is required: true or false");
        }
        return json(linkage.decide(siteId, id, json.getBoolean("samePerson")))
                .build()
                .toString();
    }

    static JsonObjectBuilder json(ImportSummary s) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", s.id().toString())
                .add("source", s.source())
                .add("records", s.records())
                .add("candidates", s.candidates())
                .add("matches", s.matches())
                .add("review", s.review())
                .add("merged", s.merged())
                .add("seconds", s.seconds())
                .add("createdBy", s.createdBy())
                .add("createdAt", s.createdAt().toString());
        IdentityJson.addNullable(o, "fileName", s.fileName());
        if (s.lambda() != null) {
            o.add("lambda", s.lambda()).add("iterations", s.iterations());
        }
        return o;
    }

    static JsonObjectBuilder json(ReviewItem i) {
        JsonArrayBuilder why = JSON.createArrayBuilder();
        i.explanation().forEach(why::add);
        JsonObjectBuilder a = JSON.createObjectBuilder();
        i.a().forEach(a::add);
        JsonObjectBuilder b = JSON.createObjectBuilder();
        i.b().forEach(b::add);
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", i.id())
                .add("importId", i.importId().toString())
                .add("probability", i.probability())
                .add("weight", i.weight())
                .add("explanation", why)
                .add("a", a)
                .add("b", b)
                .add("personA", i.personA().toString())
                .add("personB", i.personB().toString())
                .add("status", i.status());
        IdentityJson.addNullable(o, "decidedBy", i.decidedBy());
        IdentityJson.addNullable(o, "decidedAt", i.decidedAt());
        return o;
    }
}
