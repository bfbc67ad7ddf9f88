package dev.attune.feedback.internal.rest;

import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.api.SubmissionResult;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.platform.api.ApiProblem;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server-to-server ingest, authenticated with a site's secret key. */
@Path("v1/events")
@RequestScoped
@Tag(name = "Ingest")
public class EventsResource {
    static final int MAX_EVENT_BYTES = 64 * 1024;

    @Inject
    SiteService sites;

    @Inject
    FeedbackService feedback;

    @Inject
    EventRules rules;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store one feedback event",
            description = "Answers 202 once the event is committed. Send a client-made UUID as id: a retry with the same id "
                    + "is acknowledged again and never stored twice.")
    public Response submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        SiteSummary site = authenticate(authorization);
        NewFeedbackEvent event = EventJsonReader.read(RequestBodies.readObject(body, MAX_EVENT_BYTES), rules, Instant.now());
        SubmissionResult result = feedback.submit(site.id(), event);
        return Response.accepted(Json.createObjectBuilder()
                        .add("id", result.eventId().toString())
                        .add("status", result.duplicate() ? "duplicate" : "accepted")
                        .build().toString())
                .build();
    }

    private SiteSummary authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(401, "Missing API key", "Send the site's secret key as 'Authorization: Bearer sk_...'");
        }
        return sites.authenticateSecretKey(authorization.substring(7).trim())
                .orElseThrow(() -> new ApiProblem(401, "Unknown API key", "The key is unknown or was revoked"));
    }
}
