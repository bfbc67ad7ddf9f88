package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.KeyKind;
import dev.attune.feedback.api.SiteKeys;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.JsonBodies;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API for sites; HTTP Basic with a console user. */
@Path("v1/admin/sites")
@RequestScoped
@Tag(name = "Admin: sites")
@Produces(MediaType.APPLICATION_JSON)
public class SitesAdminResource {

    @Inject
    SiteService sites;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create a site",
            description = "The answer holds the public and secret keys; they are shown only once.")
    public Response create(InputStream body) {
        JsonObject json = RequestBodies.readObject(body, 16 * 1024);
        String name = json.get("name") instanceof JsonString s ? s.getString() : null;
        if (json.containsKey("name") && name == null) {
            throw InvalidInputException.of("name", "must be a string");
        }
        List<String> origins = new ArrayList<>();
        JsonValue raw = json.get("allowedOrigins");
        if (raw != null && raw.getValueType() != JsonValue.ValueType.NULL) {
            if (raw.getValueType() != JsonValue.ValueType.ARRAY) {
                throw InvalidInputException.of("allowedOrigins", "must be an array of origins");
            }
            var array = raw.asJsonArray();
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof JsonString s)) {
                    throw InvalidInputException.of("allowedOrigins/" + i, "must be a string");
                }
                origins.add(s.getString());
            }
        }
        ConsentMode mode = ConsentMode.EXPLICIT;
        if (json.containsKey("consentMode")) {
            String raw2 = json.get("consentMode") instanceof JsonString s ? s.getString() : "";
            mode = switch (raw2) {
                case "explicit" -> ConsentMode.EXPLICIT;
                case "implied" -> ConsentMode.IMPLIED;
                default -> throw InvalidInputException.of("consentMode", "must be 'explicit' or 'implied'");
            };
        }
        SiteKeys keys = sites.createSite(name, origins, mode);
        JsonObject answer = JSON.createObjectBuilder()
                .add("id", keys.siteId().toString())
                .add("name", keys.name())
                .add("allowedOrigins", strings(keys.allowedOrigins()))
                .add("consentMode", mode.wireName())
                .add(
                        "identityVerification",
                        sites.findSite(keys.siteId()).orElseThrow().identityVerification())
                .add("publicKey", keys.publicKey())
                .add("secretKey", keys.secretKey())
                .build();
        return Response.created(URI.create("v1/admin/sites/" + keys.siteId()))
                .entity(answer.toString())
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "List sites", description = "Keys appear only as prefixes.")
    public String list() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        sites.listSites().forEach(s -> list.add(toJson(s)));
        return list.build().toString();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "One site", description = "Keys appear only as prefixes.")
    public String get(@PathParam("id") String id) {
        UUID siteId = RequestBodies.uuid("id", id);
        return sites.findSite(siteId)
                .map(s -> toJson(s).build().toString())
                .orElseThrow(() -> new NotFoundException("No site " + siteId));
    }

    @POST
    @Path("{id}/keys/{kind}/rotate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace a site's public or secret key",
            description = "The new key is in the answer, once; the old one stops working.")
    public String rotate(@PathParam("id") String id, @PathParam("kind") String kind) {
        KeyKind which = switch (kind) {
            case "public" -> KeyKind.PUBLIC;
            case "secret" -> KeyKind.SECRET;
            default -> throw InvalidInputException.of("kind", "must be 'public' or 'secret'");
        };
        String key = sites.rotateKey(RequestBodies.uuid("id", id), which);
        return JSON.createObjectBuilder()
                .add("id", id)
                .add(which == KeyKind.SECRET ? "secretKey" : "publicKey", key)
                .build()
                .toString();
    }

    @PUT
    @Path("{id}/allowed-origins")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace the origins browsers may send from",
            description = "[\"https://shop.example.com\", ...]")
    public String origins(@PathParam("id") String id, InputStream body) {
        if (!(JsonBodies.parse(JsonBodies.utf8(JsonBodies.bytes(body, 64 * 1024)), "(body)")
                instanceof JsonArray array)) {
            throw InvalidInputException.of("(body)", "must be a JSON array of origins");
        }
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonString s)) {
                throw InvalidInputException.of(String.valueOf(i), "must be a string");
            }
            origins.add(s.getString());
        }
        return toJson(sites.updateAllowedOrigins(RequestBodies.uuid("id", id), origins))
                .build()
                .toString();
    }

    @PUT
    @Path("{id}/retention")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set how long the site's raw events are kept",
            description = "{\"retentionDays\": 90} (1 to 3650); older events go at the next retention run.")
    public String retention(@PathParam("id") String id, InputStream body) {
        JsonObject json = RequestBodies.readObject(body, 1024);
        if (!(json.get("retentionDays") instanceof JsonNumber n) || !n.isIntegral()) {
            throw InvalidInputException.of("retentionDays", "must be a whole number of days");
        }
        // a number far out of range must not wrap around into a valid one
        int days = n.bigDecimalValue().abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0 ? -1 : n.intValue();
        return toJson(sites.updateRetention(RequestBodies.uuid("id", id), days))
                .build()
                .toString();
    }

    @PUT
    @Path("{id}/identity-verification")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Require verified identify calls from browsers",
            description = "{\"required\": true}: a browser's identify must carry userHash, the hex HMAC-SHA256 of the "
                    + "user id under the site's verification secret (GET /api/v1/admin/identity/verification). Off, a "
                    + "browser's identify is an unverified claim that never joins a person holding a verified user id.")
    public String identityVerification(@PathParam("id") String id, InputStream body) {
        JsonObject json = RequestBodies.readObject(body, 1024);
        JsonValue.ValueType type =
                json.containsKey("required") ? json.get("required").getValueType() : null;
        if (type != JsonValue.ValueType.TRUE && type != JsonValue.ValueType.FALSE) {
            throw InvalidInputException.of("required", "must be true or false");
        }
        return toJson(sites.updateIdentityVerification(RequestBodies.uuid("id", id), type == JsonValue.ValueType.TRUE))
                .build()
                .toString();
    }

    private static JsonObjectBuilder toJson(SiteSummary s) {
        return JSON.createObjectBuilder()
                .add("id", s.id().toString())
                .add("name", s.name())
                .add("allowedOrigins", strings(s.allowedOrigins()))
                .add("publicKeyPrefix", s.publicKeyPrefix())
                .add("secretKeyPrefix", s.secretKeyPrefix())
                .add("createdAt", s.createdAt().toString())
                .add("consentMode", s.consentMode().wireName())
                .add("retentionDays", s.retentionDays())
                .add("identityVerification", s.identityVerification());
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }
}
