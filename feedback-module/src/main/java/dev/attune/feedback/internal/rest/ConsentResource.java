package dev.attune.feedback.internal.rest;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.platform.api.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A subject's consent, server to server (secret key): record choices, read the state and its ledger. */
@Path("v1/consent")
@ApplicationScoped
@Tag(name = "Consent")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    @Inject
    SiteService sites;

    @Inject
    ConsentService consent;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record a subject's consent choices",
            description =
                    "{\"subjectId\":\"…\",\"purposes\":{\"analytics\":true,\"marketing\":false},\"policyVersion\":\"2026-01\","
                            + "\"source\":\"crm\"}. Appends to the ledger; answers the state after it.")
    public String record(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        SiteSummary site = SecretKeys.authenticate(sites, authorization);
        JsonObject json = RequestBodies.readObject(body, 16 * 1024);
        String subject = ConsentJson.optionalString(json, "subjectId", 200);
        if (subject == null) {
            throw InvalidInputException.of("subjectId", "is required");
        }
        String source = ConsentJson.optionalString(json, "source", 40);
        ConsentState state = consent.record(
                site.id(),
                subject,
                ConsentJson.choices(json.get("purposes")),
                ConsentJson.optionalString(json, "policyVersion", 50),
                source == null ? "api" : source);
        return ConsentJson.state(state).build().toString();
    }

    @GET
    @Path("{subjectId}")
    @Operation(summary = "A subject's consent now and its ledger")
    public String read(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("subjectId") String subjectId) {
        SiteSummary site = SecretKeys.authenticate(sites, authorization);
        return ConsentJson.state(consent.current(site.id(), subjectId))
                .add("history", ConsentJson.history(consent.history(site.id(), subjectId)))
                .build()
                .toString();
    }
}
