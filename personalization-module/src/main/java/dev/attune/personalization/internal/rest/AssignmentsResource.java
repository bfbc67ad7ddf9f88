package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A unit's variants of the site's running experiments: from servers with the secret key, from browsers with the
 * public key and an allowed Origin. The first answer for a unit is its exposure; later ones repeat it.
 */
@Path("v1/assignments")
@ApplicationScoped
@Tag(name = "Experiments")
public class AssignmentsResource {
    @Inject
    ExperimentService experiments;

    @Inject
    SiteService sites;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Variants for a unit",
            description = "?subject=<person or anonymous id>[&url=<page>][&device=desktop|mobile|tablet], "
                    + "with Authorization: Bearer sk_… or ?key=pk_… from an allowed Origin. {\"subject\":…,\"experiments\":{\"key\":\"variant\",…},"
                    + "\"payloads\":{\"key\":{…}},\"counted\":[\"key\",…]}; without experiments consent, in the site's holdout or outside an "
                    + "experiment's targeting, a unit gets the control and is not recorded.")
    public Response assignments(
            @QueryParam("subject") String subject,
            @QueryParam("url") String url,
            @QueryParam("device") String device,
            @QueryParam("key") String publicKey,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam("Origin") String origin) {
        if (subject == null || subject.isBlank() || subject.length() > 200) {
            throw InvalidInputException.of("subject", "is required, at most 200 characters");
        }
        if (device != null && !Set.of("desktop", "mobile", "tablet").contains(device)) {
            throw InvalidInputException.of("device", "must be desktop, mobile or tablet");
        }
        if (url != null && url.length() > 2000) {
            throw InvalidInputException.of("url", "at most 2000 characters");
        }
        SiteSummary site;
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            site = sites.authenticateSecretKey(authorization.substring(7).trim())
                    .orElseThrow(() -> new ApiProblem(401, "Unknown API key", "The key is unknown or was revoked"));
        } else if (publicKey != null) {
            site = sites.authenticatePublicKey(publicKey, origin)
                    .orElseThrow(() -> new ApiProblem(
                            403, "Key or origin refused", "Unknown public key, or an Origin the site does not allow"));
        } else {
            throw new ApiProblem(
                    401, "Missing key", "Send Authorization: Bearer sk_… or ?key=pk_… from an allowed Origin");
        }
        var variants = JSON.createObjectBuilder();
        var payloads = JSON.createObjectBuilder();
        var counted = JSON.createArrayBuilder();
        experiments
                .assign(site.id(), subject, new ExperimentService.Context(url, device))
                .forEach((key, a) -> {
                    variants.add(key, a.variant());
                    if (a.payloadJson() != null) {
                        payloads.add(
                                key,
                                JSON.createReader(new StringReader(a.payloadJson()))
                                        .readValue());
                    }
                    if (a.counted()) {
                        counted.add(key);
                    }
                });
        var response = Response.ok(
                JSON.createObjectBuilder()
                        .add("subject", subject)
                        .add("experiments", variants)
                        .add("payloads", payloads)
                        .add("counted", counted)
                        .build()
                        .toString(),
                MediaType.APPLICATION_JSON);
        if (origin != null && publicKey != null) {
            response.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
        }
        return response.build();
    }
}
