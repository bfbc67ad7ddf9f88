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
    @Operation(
            summary = "What an event fed",
            description =
                    "?site=<id>: enrichment, profile, segment changes, rule firings, recommendation "
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
                .orElseThrow(() -> new ApiProblem(
                        404, "Unknown event", "No event " + eventId + " in this site (never stored, or removed)"));
        audit.record("lineage.event", eventId, AuditLog.AuditOutcome.SUCCESS, Map.of("site", siteId.toString()));
        JsonArrayBuilder derived = JSON.createArrayBuilder();
        l.derived()
                .forEach(d -> derived.add(JSON.createObjectBuilder()
                        .add("kind", d.kind())
                        .add("what", d.what())
                        .add("at", String.valueOf(d.at()))
                        .add("exact", d.exact())));
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("eventId", l.eventId().toString())
                .add("type", l.type())
                .add("subject", l.subject())
                .add("person", l.personKey())
                .add("occurredAt", l.occurredAt().toString())
                .add("receivedAt", l.receivedAt().toString())
                .add("derived", derived);
        return o.build().toString();
    }

    @GET
    @Path("persons/{subject}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "Where a person's data came from",
            description = "?site=<id>: the person of this subject (anonymous id or "
                    + "user id): identifiers with the source that linked each, stored events per subject and type, the consent ledger of every "
                    + "linked subject, and the profile with its segments. Audited.")
    public String person(@PathParam("subject") String subject, @QueryParam("site") String site) {
        UUID siteId = ProfilesAdminResource.siteId(site);
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw InvalidInputException.of("subject", "must be 1 to 200 characters");
        }
        LineageService.PersonLineage l = lineage.person(siteId, subject)
                .orElseThrow(() ->
                        new ApiProblem(404, "Unknown person", "Nothing is stored about " + subject + " in this site"));
        audit.record("lineage.person", subject, AuditLog.AuditOutcome.SUCCESS, Map.of("site", siteId.toString()));
        JsonArrayBuilder ids = JSON.createArrayBuilder();
        l.identifiers()
                .forEach(i -> ids.add(JSON.createObjectBuilder()
                        .add("kind", i.kind())
                        .add("hint", String.valueOf(i.hint()))
                        .add("source", i.source())
                        .add("confidence", i.confidence())
                        .add("firstSeen", String.valueOf(i.firstSeen()))
                        .add("lastSeen", String.valueOf(i.lastSeen()))));
        JsonArrayBuilder events = JSON.createArrayBuilder();
        l.events()
                .forEach(e -> events.add(JSON.createObjectBuilder()
                        .add("subject", e.subject())
                        .add("type", e.type())
                        .add("count", e.count())
                        .add("first", e.first().toString())
                        .add("last", e.last().toString())));
        JsonArrayBuilder consents = JSON.createArrayBuilder();
        l.consents()
                .forEach(c -> consents.add(JSON.createObjectBuilder()
                        .add("subject", c.subject())
                        .add("purpose", c.purpose())
                        .add("granted", c.granted())
                        .add("policyVersion", String.valueOf(c.policyVersion()))
                        .add("source", String.valueOf(c.source()))
                        .add("at", c.at().toString())));
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("subject", l.subject())
                .add("person", l.personKey())
                .add("identifiers", ids)
                .add("events", events)
                .add("consents", consents);
        l.personId().ifPresent(id -> o.add("personId", id.toString()));
        l.profile().ifPresent(p -> {
            JsonArrayBuilder segments = JSON.createArrayBuilder();
            p.segments().forEach(segments::add);
            o.add(
                    "profile",
                    JSON.createObjectBuilder()
                            .add("events", p.events())
                            .add("firstSeen", String.valueOf(p.firstSeen()))
                            .add("lastSeen", String.valueOf(p.lastSeen()))
                            .add("segments", segments));
        });
        return o.build().toString();
    }
}
