package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentState;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.IngestSource;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.feedback.api.SubmissionResult;
import dev.attune.feedback.internal.application.EventSchemaRegistry;
import dev.attune.feedback.internal.application.Workers;
import dev.attune.feedback.internal.domain.EventRules;
import dev.attune.feedback.internal.integrity.RateLimits;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Problems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The widget's fallback when WebSockets are blocked (and its channel while a page unloads): the same messages as
 * {@code /ws/v1/collect}, one per request, authenticated by the site's public key and the browser's Origin, answered
 * with what the socket would answer. Sent as text/plain so browsers need no CORS preflight.
 */
@Path("v1/collect")
@ApplicationScoped
@Tag(name = "Ingest")
public class BrowserCollectResource {
    static final int MAX_BYTES = 256 * 1024;
    static final int MAX_EVENTS = 100;

    @Inject
    SiteService sites;

    @Inject
    FeedbackService feedback;

    @Inject
    ConsentService consent;

    @Inject
    EventRules rules;

    @Inject
    EventSchemaRegistry schemas;

    @Inject
    RateLimits limits;

    @Inject
    Workers workers;

    @OPTIONS
    public Response preflight(@HeaderParam("Origin") String origin) {
        return cors(Response.noContent(), origin)
                .header("Access-Control-Allow-Methods", "POST")
                .header("Access-Control-Allow-Headers", "Content-Type")
                .header("Access-Control-Max-Age", "86400")
                .build();
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Browser fallback for the widget socket",
            description = "?key=pk_… from an allowed Origin; body {\"type\":\"events\",\"events\":[…]} (up to 100) or "
                    + "{\"type\":\"consent\",…}; the answer is the socket's ack or consent message, after the commit.")
    public void collect(
            @QueryParam("key") String key,
            @HeaderParam("Origin") String origin,
            InputStream body,
            @Context HttpServletRequest request,
            @Suspended AsyncResponse response) {
        try {
            SiteSummary site = authenticate(key, origin);
            JsonObject message = RequestBodies.readObject(body, MAX_BYTES);
            boolean privacySignal = "1".equals(request.getHeader("Sec-GPC")) || "1".equals(request.getHeader("DNT"));
            IngestSource source = new IngestSource(
                    IngestSource.Channel.BROWSER, request.getRemoteAddr(), request.getHeader("User-Agent"));
            String type = message.get("type") instanceof JsonString s ? s.getString() : "";
            switch (type) {
                case "events" -> events(site, message, source, privacySignal, origin, response);
                case "consent" -> response.resume(ok(consent(site, message, privacySignal), origin));
                default ->
                    throw InvalidInputException.of(
                            "type", "must be 'events' or 'consent' (other messages need the socket)");
            }
        } catch (InvalidInputException e) {
            response.resume(cors(
                            Response.fromResponse(Problems.response(
                                    e.status(), Problems.type("invalid-input"), e.title(), "See errors", e.errors())),
                            origin)
                    .build());
        } catch (ApiProblem e) {
            response.resume(
                    cors(Response.fromResponse(Problems.response(e.status(), e.title(), e.getMessage())), origin)
                            .build());
        }
    }

    private SiteSummary authenticate(String key, String origin) {
        if (key == null || key.isBlank()) {
            throw new ApiProblem(401, "Missing key", "Send the site's public key as ?key=pk_...");
        }
        return sites.authenticatePublicKey(key, origin)
                .orElseThrow(() -> new ApiProblem(
                        403, "Key or origin refused", "Unknown public key, or this Origin is not one the site allows"));
    }

    private void events(
            SiteSummary site,
            JsonObject message,
            IngestSource source,
            boolean privacySignal,
            String origin,
            AsyncResponse response) {
        WidgetMessages.Events read =
                WidgetMessages.readEvents(message.get("events"), MAX_EVENTS, rules, schemas, site.id(), Instant.now());
        List<NewFeedbackEvent> valid = read.valid();
        List<List<FieldError>> rejected = read.rejected();
        String ref = message.get("ref") instanceof JsonString s ? s.getString() : null;
        if (valid.isEmpty()) {
            response.resume(ok(ack(ref, List.of(), rejected), origin));
            return;
        }
        if (privacySignal) {
            WidgetMessages.withdrawForPrivacySignal(consent, site.id(), valid, new HashSet<>());
        }
        var wait = limits.admitSite(site.id(), valid.size())
                .or(() -> limits.admitAddress(source.clientAddress(), valid.size()));
        if (wait.isPresent()) {
            response.resume(cors(
                            Response.fromResponse(Problems.response(
                                    429, "Too many events", "Rate limit reached; send again later with the same ids")),
                            origin)
                    .header("Retry-After", Math.max(1, (wait.get().toMillis() + 999) / 1000))
                    .build());
            return;
        }
        response.setTimeout(30, TimeUnit.SECONDS);
        feedback.submitAll(site.id(), valid, source)
                .whenCompleteAsync(
                        (results, error) -> response.resume(
                                error != null
                                        ? cors(
                                                        Response.fromResponse(Problems.response(
                                                                503,
                                                                "Ingest unavailable",
                                                                "Not stored; send again with the same ids")),
                                                        origin)
                                                .header("Retry-After", "1")
                                                .build()
                                        : ok(ack(ref, results, rejected), origin)),
                        workers.answers());
    }

    private JsonObject consent(SiteSummary site, JsonObject message, boolean privacySignal) {
        ConsentState state = WidgetMessages.recordConsent(consent, site.id(), message, privacySignal);
        var answer = JSON.createObjectBuilder().add("type", "consent").add("state", ConsentJson.state(state));
        if (message.get("ref") instanceof JsonString s) {
            answer.add("ref", s.getString());
        }
        return answer.build();
    }

    private static JsonObject ack(String ref, List<SubmissionResult> results, List<List<FieldError>> rejected) {
        var answer = JSON.createObjectBuilder()
                .add("type", "ack")
                .add("results", EventResultsJson.results(results, rejected));
        if (ref != null) {
            answer.add("ref", ref);
        }
        return answer.build();
    }

    private static Response ok(JsonObject body, String origin) {
        return cors(Response.ok(body.toString(), MediaType.APPLICATION_JSON), origin)
                .build();
    }

    /** Lets the page read the answer; only origins the site allows ever get a 2xx. */
    private static Response.ResponseBuilder cors(Response.ResponseBuilder builder, String origin) {
        return origin == null
                ? builder
                : builder.header("Access-Control-Allow-Origin", origin).header("Vary", "Origin");
    }
}
