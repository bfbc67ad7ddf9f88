package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.IngestSource;
import dev.attune.feedback.api.IngestUnavailableException;
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
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Server-to-server ingest with a site's secret key: one event, or {@code {"events":[...]}} with up to 500. The
 * answer comes after the commit (group commit), so an acknowledged event is stored whatever happens next.
 */
@Path("v1")
@ApplicationScoped // one instance: a request-scoped resource costs a bean creation and a JNDI lookup per request
@Tag(name = "Ingest")
public class EventsResource {
    static final int MAX_EVENT_BYTES = 64 * 1024;
    static final int MAX_BATCH_BYTES = 1024 * 1024;
    static final int MAX_BATCH_EVENTS = 500;

    @Inject
    SiteService sites;

    @Inject
    FeedbackService feedback;

    @Inject
    EventRules rules;

    @Inject
    RateLimits limits;

    @Inject
    EventSchemaRegistry schemas;

    /** Answers are written here, not on the group-commit writer's thread, which goes straight on to the next batch. */
    @Inject
    Workers workers;

    @POST
    @Path("events")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Store one event or a batch",
            description = "One event object, or {\"events\":[...]} with up to 500 (1 MB). 202 once committed; a batch "
                    + "with some invalid events stores the others and answers 207 with a result per event. A retry with "
                    + "the same event id is acknowledged as a duplicate and never stored twice.")
    public void events(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            InputStream body,
            @Context HttpServletRequest request,
            @Suspended AsyncResponse response) {
        SiteSummary site = SecretKeys.authenticate(sites, authorization);
        RequestBodies.Sized sized = RequestBodies.readSized(body, MAX_BATCH_BYTES);
        IngestSource source = new IngestSource(IngestSource.Channel.SERVER, request.getRemoteAddr(), null);
        if (sized.json().containsKey("events")) {
            batch(site, sized.json(), sized.bytes(), source, response);
        } else {
            if (sized.bytes() > MAX_EVENT_BYTES) {
                throw new ApiProblem(413, "Payload too large", "An event may be at most " + MAX_EVENT_BYTES + " bytes");
            }
            single(site, sized.json(), source, response);
        }
    }

    @POST
    @Path("feedback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Store one explicit answer",
            description = "A rating, thumbs, NPS, CSAT or free-text answer; 202 once committed.")
    public void feedback(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            InputStream body,
            @Context HttpServletRequest request,
            @Suspended AsyncResponse response) {
        SiteSummary site = SecretKeys.authenticate(sites, authorization);
        JsonObject json = RequestBodies.readObject(body, MAX_EVENT_BYTES);
        if (json.get("type") instanceof JsonString type
                && EventType.fromWire(type.getString()).map(t -> !t.explicit()).orElse(false)) {
            throw InvalidInputException.of(
                    "type",
                    "must be an explicit answer (rating, thumbs, nps, csat, text); " + "send signals like "
                            + type.getString() + " to /api/v1/events");
        }
        single(site, json, new IngestSource(IngestSource.Channel.SERVER, request.getRemoteAddr(), null), response);
    }

    private void single(SiteSummary site, JsonObject json, IngestSource source, AsyncResponse response) {
        NewFeedbackEvent event = EventJsonReader.read(json, rules, Instant.now());
        schemas.check(site.id(), event);
        admit(site, 1);
        awaitCommit(response);
        feedback.submitAll(site.id(), List.of(event), source)
                .whenCompleteAsync(
                        (results, error) -> response.resume(
                                error != null
                                        ? unavailable(error)
                                        : Response.accepted(result(results.get(0))
                                                        .build()
                                                        .toString())
                                                .build()),
                        workers.answers());
    }

    private void batch(SiteSummary site, JsonObject json, long bodyBytes, IngestSource source, AsyncResponse response) {
        JsonValue raw = json.get("events");
        if (json.size() != 1) {
            throw InvalidInputException.of("(body)", "a batch has only the field 'events'");
        }
        if (raw.getValueType() != JsonValue.ValueType.ARRAY || raw.asJsonArray().isEmpty()) {
            throw InvalidInputException.of("events", "must be a non-empty array of events");
        }
        JsonArray array = raw.asJsonArray();
        if (array.size() > MAX_BATCH_EVENTS) {
            throw InvalidInputException.of("events", "holds " + array.size() + " events; at most " + MAX_BATCH_EVENTS);
        }
        Instant now = Instant.now();
        List<NewFeedbackEvent> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        List<List<FieldError>> rejected = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            rejected.add(null);
            List<FieldError> errors = readInto(site.id(), array.get(i), now, valid, bodyBytes > MAX_EVENT_BYTES);
            if (errors == null) {
                validIndex.add(i);
            } else {
                rejected.set(i, errors);
            }
        }
        if (valid.isEmpty()) {
            List<FieldError> all = new ArrayList<>();
            for (int i = 0; i < rejected.size(); i++) {
                int index = i;
                rejected.get(i).forEach(f -> all.add(new FieldError("events/" + index + "/" + f.field(), f.message())));
            }
            throw new InvalidInputException(400, "Invalid events", all);
        }
        admit(site, valid.size());
        awaitCommit(response);
        feedback.submitAll(site.id(), valid, source)
                .whenCompleteAsync(
                        (results, error) -> response.resume(
                                error != null ? unavailable(error) : batchAnswer(results, validIndex, rejected)),
                        workers.answers());
    }

    /** The event, added to {@code valid}; or its errors. */
    private List<FieldError> readInto(
            UUID siteId, JsonValue value, Instant now, List<NewFeedbackEvent> valid, boolean measure) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            return List.of(new FieldError("(event)", "must be a JSON object"));
        }
        // no event of a body within the event limit can be over it: only a larger body's events are measured
        // (serialised)
        if (measure && value.toString().getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            return List.of(new FieldError("(event)", "is larger than " + MAX_EVENT_BYTES + " bytes"));
        }
        try {
            NewFeedbackEvent event = EventJsonReader.read(value.asJsonObject(), rules, now);
            schemas.check(siteId, event);
            valid.add(event);
            return null;
        } catch (InvalidInputException e) {
            return e.errors();
        }
    }

    private static Response batchAnswer(
            List<SubmissionResult> results, List<Integer> validIndex, List<List<FieldError>> rejected) {
        int refused = rejected.size() - validIndex.size();
        JsonObject body = JSON.createObjectBuilder()
                .add("accepted", count(results, SubmissionResult.Status.ACCEPTED))
                .add("duplicates", count(results, SubmissionResult.Status.DUPLICATE))
                .add("anonymized", count(results, SubmissionResult.Status.ANONYMIZED))
                .add("rejected", refused)
                .add("results", EventResultsJson.results(results, rejected))
                .build();
        return Response.status(refused == 0 ? 202 : 207)
                .type(MediaType.APPLICATION_JSON)
                .entity(body.toString())
                .build();
    }

    private static long count(List<SubmissionResult> results, SubmissionResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static JsonObjectBuilder result(SubmissionResult r) {
        return JSON.createObjectBuilder()
                .add("id", r.eventId().toString())
                .add("status", r.status().wireName());
    }

    private static void awaitCommit(AsyncResponse response) {
        response.setTimeout(30, TimeUnit.SECONDS);
        response.setTimeoutHandler(r -> r.resume(Problems.response(
                503, "Ingest timed out", "The events were not confirmed in time; " + "retry with the same event ids")));
    }

    /** Over the site's rate: 429 with Retry-After, nothing acknowledged. */
    private void admit(SiteSummary site, int events) {
        limits.admitSite(site.id(), events).ifPresent(wait -> {
            throw new WebApplicationException(Response.fromResponse(Problems.response(
                            429,
                            "Too many events",
                            "The site's ingest rate limit is reached; retry with the same event ids"))
                    .header("Retry-After", Math.max(1, (wait.toMillis() + 999) / 1000))
                    .build());
        });
    }

    private static Response unavailable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String detail = cause instanceof IngestUnavailableException ? cause.getMessage() : "Storing failed";
        return Response.fromResponse(
                        Problems.response(503, "Ingest unavailable", detail + "; retry with the same event ids"))
                .header("Retry-After", "1")
                .build();
    }
}
