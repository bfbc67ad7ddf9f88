package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.WebhookService;
import dev.attune.feedback.api.WebhookService.Delivery;
import dev.attune.feedback.api.WebhookService.DeliveryStatus;
import dev.attune.feedback.api.WebhookService.Webhook;
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
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Webhooks of a site and their deliveries. */
@Path("v1/admin/webhooks")
@RequestScoped
@Tag(name = "Admin: webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksAdminResource {
    @Inject
    WebhookService webhooks;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Subscribe a URL to a site's events",
            description =
                    "{\"siteId\":\"…\",\"url\":\"https://…\",\"eventTypes\":[\"rating\",\"nps\"]} (none: every type). The answer holds the "
                            + "signing secret, once; deliveries carry Attune-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">.")
    public Response create(InputStream body) {
        JsonObject json = RequestBodies.readObject(body, 16 * 1024);
        String site = json.get("siteId") instanceof JsonString s ? s.getString() : null;
        if (site == null) {
            throw InvalidInputException.of("siteId", "is required");
        }
        String url = json.get("url") instanceof JsonString s ? s.getString() : null;
        Set<String> types = new LinkedHashSet<>();
        JsonValue raw = json.get("eventTypes");
        if (raw != null && raw.getValueType() != JsonValue.ValueType.NULL) {
            if (raw.getValueType() != JsonValue.ValueType.ARRAY) {
                throw InvalidInputException.of("eventTypes", "must be an array of event types");
            }
            var array = raw.asJsonArray();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof JsonString s)) {
                    throw InvalidInputException.of("eventTypes/" + i, "must be a string");
                }
                types.add(s.getString());
            }
        }
        WebhookService.CreatedWebhook created = webhooks.create(RequestBodies.uuid("siteId", site), url, types);
        return Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(toJson(created.webhook())
                        .add("signingSecret", created.signingSecret())
                        .build()
                        .toString())
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "A site's webhooks", description = "?site=<site id>")
    public String list(@QueryParam("site") String site) {
        if (site == null) {
            throw InvalidInputException.of("site", "is required");
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        webhooks.list(RequestBodies.uuid("site", site)).forEach(w -> list.add(toJson(w)));
        return list.build().toString();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Stop a webhook", description = "No further deliveries; its history stays.")
    public Response disable(@PathParam("id") String id) {
        webhooks.disable(RequestBodies.uuid("id", id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/deliveries")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "A webhook's deliveries, newest first",
            description = "status: pending, delivered or dead (dead letters).")
    public String deliveries(
            @PathParam("id") String id,
            @QueryParam("status") String status,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        UUID webhookId = RequestBodies.uuid("id", id);
        if (webhooks.find(webhookId).isEmpty()) {
            throw new NotFoundException("No webhook " + webhookId);
        }
        DeliveryStatus which;
        try {
            which = status == null ? null : DeliveryStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "must be pending, delivered or dead");
        }
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw InvalidInputException.of("limit", "must be 1 to 1000, offset 0 or more");
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        webhooks.deliveries(webhookId, which, offset, limit).forEach(d -> list.add(toJson(d)));
        return JSON.createObjectBuilder()
                .add("total", webhooks.countDeliveries(webhookId, which))
                .add("deliveries", list)
                .build()
                .toString();
    }

    @POST
    @Path("deliveries/{delivery}/replay")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Send a delivery again",
            description = "From the first try, whatever its state (a dead letter too).")
    public Response replay(@PathParam("delivery") String delivery) {
        long id;
        try {
            id = Long.parseLong(delivery);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("delivery", "must be a delivery number");
        }
        webhooks.replay(id);
        return Response.accepted().build();
    }

    private static JsonObjectBuilder toJson(Webhook w) {
        JsonArrayBuilder types = JSON.createArrayBuilder();
        w.eventTypes().forEach(types::add);
        return JSON.createObjectBuilder()
                .add("id", w.id().toString())
                .add("siteId", w.siteId().toString())
                .add("url", w.url())
                .add("eventTypes", types)
                .add("createdAt", w.createdAt().toString())
                .add("active", w.active());
    }

    private static JsonObjectBuilder toJson(Delivery d) {
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("id", d.id())
                .add("eventId", d.eventId().toString())
                .add("eventType", d.eventType())
                .add("status", d.status().name().toLowerCase(Locale.ROOT))
                .add("attempts", d.attempts())
                .add("nextAttemptAt", d.nextAttemptAt().toString())
                .add("createdAt", d.createdAt().toString());
        if (d.lastStatusCode() != null) {
            b.add("lastStatusCode", d.lastStatusCode());
        }
        if (d.lastError() != null) {
            b.add("lastError", d.lastError());
        }
        if (d.deliveredAt() != null) {
            b.add("deliveredAt", d.deliveredAt().toString());
        }
        return b;
    }
}
