package dev.attune.identity.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.identity.api.Edge;
import dev.attune.identity.api.Identifier;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.IdentifierRef;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PersonGraph;
import dev.attune.identity.internal.application.IdentityKeys;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The identity graph for the console: persons, look-up by any identifier, graph, merge, unmerge, conflicts. */
@Path("v1/admin/identity")
@RequestScoped
@Tag(name = "Admin: identity")
@Produces(MediaType.APPLICATION_JSON)
public class IdentityAdminResource {
    @Inject
    IdentityService identity;

    @Inject
    SiteService sites;

    @Inject
    AuditLog audit;

    @GET
    @Path("persons")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Recently changed persons", description = "?site=<id>&limit=100")
    public String persons(@QueryParam("site") String site, @QueryParam("limit") Integer limit) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        identity.recent(IdentityJson.site(sites, site, "site"), limit == null ? 100 : limit)
                .forEach(p -> list.add(IdentityJson.person(p)));
        return JSON.createObjectBuilder().add("persons", list).build().toString();
    }

    @GET
    @Path("lookup")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "The person of an identifier",
            description = "?site=<id>&kind=email&value=ann@example.com (any kind); 404 when unknown. Audited.")
    public String lookup(
            @QueryParam("site") String site, @QueryParam("kind") String kind, @QueryParam("value") String value) {
        UUID siteId = IdentityJson.site(sites, site, "site");
        IdentifierKind k = IdentifierKind.fromWire(kind)
                .orElseThrow(() -> InvalidInputException.of(
                        "kind", "must be one of anonymous, device, user, email, phone, custom"));
        Person p = identity.lookup(siteId, new IdentifierRef(k, value))
                .orElseThrow(() -> new ApiProblem(
                        404, "Unknown identifier", "No person has this " + k.wireName() + " in this site"));
        audit.record("identity.lookup", p.id().toString(), AuditOutcome.SUCCESS, Map.of("kind", k.wireName()));
        return IdentityJson.person(p).build().toString();
    }

    @GET
    @Path("persons/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "A person's graph",
            description = "Identifiers (masked hints, never clear values), live links, merge history. Audited.")
    public String graph(@PathParam("id") String id) {
        PersonGraph g = identity.graph(IdentityJson.uuid(id, "id"))
                .orElseThrow(() ->
                        new ApiProblem(404, "Unknown person", "No person " + id + " (merged into another, or erased)"));
        audit.record("identity.read", g.person().id().toString(), AuditOutcome.SUCCESS, Map.of());
        JsonArrayBuilder nodes = JSON.createArrayBuilder();
        for (Identifier i : g.identifiers()) {
            JsonObjectBuilder o = JSON.createObjectBuilder()
                    .add("id", i.id())
                    .add("kind", i.kind().wireName())
                    .add("hint", i.hint())
                    .add("firstSeen", i.firstSeen().toString())
                    .add("lastSeen", i.lastSeen().toString());
            IdentityJson.addNullable(o, "subject", i.subject());
            nodes.add(o);
        }
        JsonArrayBuilder edges = JSON.createArrayBuilder();
        for (Edge e : g.edges()) {
            edges.add(JSON.createObjectBuilder()
                    .add("id", e.id())
                    .add("a", e.a())
                    .add("b", e.b())
                    .add("source", e.source())
                    .add("confidence", e.confidence())
                    .add("createdBy", e.createdBy())
                    .add("createdAt", e.createdAt().toString()));
        }
        JsonArrayBuilder history = JSON.createArrayBuilder();
        for (PersonGraph.HistoryEntry h : g.history()) {
            JsonObjectBuilder o = JSON.createObjectBuilder()
                    .add("id", h.id())
                    .add("action", h.action())
                    .add("personId", h.personId().toString())
                    .add("actor", h.actor())
                    .add("at", h.at().toString());
            IdentityJson.addNullable(o, "otherPerson", h.otherPerson());
            IdentityJson.addNullable(o, "link", h.edgeId());
            IdentityJson.addNullable(o, "detail", h.detail());
            history.add(o);
        }
        return JSON.createObjectBuilder()
                .add("person", IdentityJson.person(g.person()))
                .add("identifiers", nodes)
                .add("links", edges)
                .add("history", history)
                .build()
                .toString();
    }

    @POST
    @Path("merge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Merge two persons",
            description = "{\"siteId\", \"a\": person id, \"b\": person id}; 409 when both have different user ids.")
    public String merge(InputStream body) {
        JsonObject json = IdentityJson.read(body);
        UUID site = IdentityJson.site(sites, IdentityJson.string(json, "siteId"), "siteId");
        return IdentityJson.person(identity.merge(
                        site,
                        IdentityJson.uuid(IdentityJson.string(json, "a"), "a"),
                        IdentityJson.uuid(IdentityJson.string(json, "b"), "b")))
                .build()
                .toString();
    }

    @POST
    @Path("unmerge")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Remove a link",
            description = "{\"siteId\", \"link\": id}: when the person falls apart, the parts are persons again "
                    + "(the part this link merged in under its old id). Answers the persons after.")
    public String unmerge(InputStream body) {
        JsonObject json = IdentityJson.read(body);
        UUID site = IdentityJson.site(sites, IdentityJson.string(json, "siteId"), "siteId");
        if (!(json.get("link") instanceof JsonNumber n) || !n.isIntegral()) {
            throw InvalidInputException.of("link", "is required: the id of a link");
        }
        List<Person> after = identity.unmerge(site, n.longValue());
        JsonArrayBuilder list = JSON.createArrayBuilder();
        after.forEach(p -> list.add(IdentityJson.person(p)));
        return JSON.createObjectBuilder().add("persons", list).build().toString();
    }

    @Inject
    IdentityKeys keys;

    @POST
    @Path("keys/reseal")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Re-seal with the current key",
            description =
                    "After a new encryption key version was configured: every sealed "
                            + "identifier value and contact is opened with its old key and sealed with the newest; answers how many. Audited.")
    public String reseal() {
        int n = keys.resealAll();
        audit.record(
                "identity.keys.reseal",
                "identity",
                AuditOutcome.SUCCESS,
                Map.of("resealed", n, "version", keys.keys().currentVersion()));
        return JSON.createObjectBuilder()
                .add("resealed", n)
                .add("version", keys.keys().currentVersion())
                .build()
                .toString();
    }

    @GET
    @Path("conflicts")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Refused merges and shared devices", description = "?site=<id>&open=true&limit=100")
    public String conflicts(
            @QueryParam("site") String site, @QueryParam("open") Boolean open, @QueryParam("limit") Integer limit) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        identity.conflicts(IdentityJson.site(sites, site, "site"), open == null || open, limit == null ? 100 : limit)
                .forEach(c -> list.add(IdentityJson.conflict(c)));
        return JSON.createObjectBuilder().add("conflicts", list).build().toString();
    }

    @POST
    @Path("conflicts/{id}/resolve")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public String resolve(@PathParam("id") long id, @QueryParam("site") String site) {
        identity.resolveConflict(IdentityJson.site(sites, site, "site"), id);
        return JSON.createObjectBuilder().add("resolved", id).build().toString();
    }
}
