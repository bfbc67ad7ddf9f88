package dev.attune.identity.internal.rest;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.IdentityService;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server-to-server identify: who an anonymous subject is (user id and identifying traits). */
@Path("v1/identify")
@RequestScoped
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
public class IdentifyResource {
    @Inject
    IdentityService identity;

    @Inject
    SiteService sites;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Identify a subject",
            description = "Secret key as bearer token. {\"subjectId\": anonymous id, \"userId\": optional, "
                    + "\"traits\": {\"email\", \"phone\", \"deviceId\" (identifiers; other traits are ignored)}}. Links them into one person; two "
                    + "different user ids never merge (a conflict is recorded instead). Answers the person.")
    public String identify(@HeaderParam("Authorization") String authorization, InputStream body) {
        SiteSummary site = IdentityJson.secretKey(sites, authorization);
        JsonObject json = IdentityJson.read(body);
        Map<String, String> traits = new LinkedHashMap<>();
        if (json.get("traits") instanceof JsonObject t) {
            t.forEach((name, value) -> {
                if (!(value instanceof JsonString s)) {
                    throw InvalidInputException.of("traits/" + name, "must be a string");
                }
                traits.put(name, s.getString());
            });
        } else if (json.containsKey("traits") && json.get("traits") != JsonValue.NULL) {
            throw InvalidInputException.of("traits", "must be an object of strings");
        }
        return IdentityJson.person(identity.identify(
                        site.id(),
                        IdentityJson.string(json, "subjectId"),
                        IdentityJson.string(json, "userId"),
                        traits,
                        "api"))
                .build()
                .toString();
    }
}
