package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.LineageService;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Data lineage: what was derived from an event. */
@Path("v1/admin/lineage")
@RequestScoped
@Tag(name = "Admin: lineage")
@Produces(MediaType.APPLICATION_JSON)
public class LineageAdminResource {
    @Inject
    LineageService lineage;

    @Inject
    AuditLog audit;

    @GET
    @Path("events/{eventId}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "What an event fed", description = "?site=<id>: enrichment, profile, segment changes, rule firings, recommendation "
            + "lists and experiment metrics derived from the event (exact, or of the same person within a minute after it). Audited.")
    public String event(@PathParam("eventId") String eventId, @QueryParam("site") String site) {
        UUID siteId = ProfilesAdminResource.siteId(site);
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("eventId", "is not a UUID");
        }
        LineageService.EventLineage l = lineage.event(siteId, id)
                .orElseThrow(() -> new ApiProblem(404, "Unknown event", "No event " + eventId + " in this site (never stored, or removed)"));
        audit.record("lineage.event", eventId, AuditLog.AuditOutcome.SUCCESS, Map.of("site", siteId.toString()));
        JsonArrayBuilder derived = JSON.createArrayBuilder();
        l.derived().forEach(d -> derived.add(JSON.createObjectBuilder().add("kind", d.kind()).add("what", d.what())
                .add("at", String.valueOf(d.at())).add("exact", d.exact())));
        JsonObjectBuilder o = JSON.createObjectBuilder().add("eventId", l.eventId().toString()).add("type", l.type())
                .add("subject", l.subject()).add("person", l.personKey()).add("occurredAt", l.occurredAt().toString())
                .add("receivedAt", l.receivedAt().toString()).add("derived", derived);
        return o.build().toString();
    }
}
