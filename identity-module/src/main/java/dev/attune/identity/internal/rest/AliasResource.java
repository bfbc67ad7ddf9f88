package dev.attune.identity.internal.rest;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.IdentityService;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server-to-server alias: two identifiers are the same person. */
@Path("v1/alias")
@RequestScoped
@Tag(name = "Identity")
@Produces(MediaType.APPLICATION_JSON)
public class AliasResource {
    @Inject
    IdentityService identity;

    @Inject
    SiteService sites;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Alias two identifiers",
            description = "Secret key as bearer token. {\"a\": {\"kind\", \"value\"}, \"b\": {…}, "
                    + "\"confidence\": 1.0 (optional), \"source\": \"crm\" (optional)}; kinds: anonymous, device, user, email, phone, custom. "
                    + "409 when it would join two different user ids (nothing changes).")
    public String alias(@HeaderParam("Authorization") String authorization, InputStream body) {
        SiteSummary site = IdentityJson.secretKey(sites, authorization);
        JsonObject json = IdentityJson.read(body);
        double confidence = 1.0;
        if (json.containsKey("confidence")) {
            if (!(json.get("confidence") instanceof JsonNumber n)) {
                throw InvalidInputException.of("confidence", "must be a number greater than 0 and at most 1");
            }
            confidence = n.doubleValue();
        }
        String source = IdentityJson.string(json, "source");
        if (source != null && !source.matches("[a-z0-9_-]{1,40}")) {
            throw InvalidInputException.of("source", "must be 1 to 40 lowercase letters, digits, '_' or '-'");
        }
        return IdentityJson.person(identity.alias(
                        site.id(),
                        IdentityJson.ref(json, "a"),
                        IdentityJson.ref(json, "b"),
                        source == null ? "api" : source,
                        confidence))
                .build()
                .toString();
    }
}
