package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.QuarantineReason;
import dev.attune.feedback.api.QuarantineService;
import dev.attune.feedback.api.QuarantinedEvent;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Review of quarantined events over HTTP (the console's Quarantine view does the same). */
@Path("v1/admin/quarantine")
@RequestScoped
@Tag(name = "Admin: quarantine")
@Produces(MediaType.APPLICATION_JSON)
public class QuarantineAdminResource {
    @Inject
    QuarantineService quarantine;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "List quarantined events",
            description = "Newest first; filter by site and reason (bot_user_agent, "
                    + "honeypot, spam_text, duplicate_text, implausible_value, subject_rate).")
    public String list(
            @QueryParam("site") String site,
            @QueryParam("reason") String reason,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        UUID siteId = site == null ? null : RequestBodies.uuid("site", site);
        QuarantineReason why;
        try {
            why = reason == null ? null : QuarantineReason.fromWire(reason);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("reason", "is not a quarantine reason");
        }
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw InvalidInputException.of("limit", "must be 1 to 1000, offset 0 or more");
        }
        QuarantineService.Query query = new QuarantineService.Query(siteId, why, null, null);
        JsonArrayBuilder events = JSON.createArrayBuilder();
        quarantine.search(query, offset, limit).forEach(e -> events.add(toJson(e)));
        return JSON.createObjectBuilder()
                .add("total", quarantine.count(query))
                .add("events", events)
                .build()
                .toString();
    }

    @POST
    @Path("{site}/release")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Release quarantined events into the event store",
            description = "{\"eventIds\": [...]}; they are then published like any event. Audited.")
    public String release(@PathParam("site") String site, InputStream body) {
        int n = quarantine.release(RequestBodies.uuid("site", site), ids(body));
        return JSON.createObjectBuilder().add("released", n).build().toString();
    }

    @POST
    @Path("{site}/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete quarantined events", description = "{\"eventIds\": [...]}; audited.")
    public String delete(@PathParam("site") String site, InputStream body) {
        int n = quarantine.delete(RequestBodies.uuid("site", site), ids(body));
        return JSON.createObjectBuilder().add("deleted", n).build().toString();
    }

    private static List<UUID> ids(InputStream body) {
        JsonObject json = RequestBodies.readObject(body, 64 * 1024);
        JsonValue raw = json.get("eventIds");
        if (raw == null || raw.getValueType() != JsonValue.ValueType.ARRAY) {
            throw InvalidInputException.of("eventIds", "must be an array of event ids");
        }
        List<UUID> ids = new ArrayList<>();
        var array = raw.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString s)) {
                throw InvalidInputException.of("eventIds/" + i, "must be a UUID string");
            }
            ids.add(RequestBodies.uuid("eventIds/" + i, s.getString()));
        }
        return ids;
    }

    private static JsonObjectBuilder toJson(QuarantinedEvent e) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("siteId", e.siteId().toString())
                .add("site", e.siteName())
                .add("eventId", e.eventId().toString())
                .add("reason", e.reason().wireName())
                .add("type", e.type())
                .add("subjectId", e.subjectId())
                .add("occurredAt", e.occurredAt().toString())
                .add("quarantinedAt", e.quarantinedAt().toString());
        if (e.detail() != null) {
            b.add("detail", e.detail());
        }
        if (e.itemId() != null) {
            b.add("itemId", e.itemId());
        }
        if (e.value() != null) {
            b.add("value", e.value());
        }
        if (e.text() != null) {
            b.add("text", e.text());
        }
        if (e.clientAddress() != null) {
            b.add("clientAddress", e.clientAddress());
        }
        return b;
    }
}
