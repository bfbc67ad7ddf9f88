package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.Survey;
import dev.attune.feedback.api.SurveyService;
import dev.attune.feedback.api.SurveyStatus;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.StringReader;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** In-app surveys of a site: definitions, lifecycle (draft, active, paused), showings and answers, the site's cooldown. */
@Path("v1/admin/surveys")
@RequestScoped
@Tag(name = "Admin: surveys")
@Produces(MediaType.APPLICATION_JSON)
public class SurveysAdminResource {
    private static final int MAX_BYTES = 64 * 1024;

    @Inject
    SurveyService surveys;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "A site's surveys", description = "?site=<site id>; active first, with showings and answers.")
    public String list(@QueryParam("site") String site) {
        if (site == null) {
            throw InvalidInputException.of("site", "is required: ?site=<site id>");
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        surveys.list(RequestBodies.uuid("site", site)).forEach(s -> list.add(toJson(s)));
        return JSON.createObjectBuilder().add("surveys", list).build().toString();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public String get(@PathParam("id") String id) {
        return toJson(find(id)).build().toString();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Create a survey (as a draft)",
            description =
                    "{\"siteId\":\"…\",\"name\":\"…\",\"definition\":{questions, targeting, trigger, frequency, thankYou}}; "
                            + "see docs/widget.md for the definition. A bad definition is refused naming each field.")
    public Response create(InputStream body) {
        JsonObject json = RequestBodies.readObject(body, MAX_BYTES);
        String site = json.get("siteId") instanceof JsonString s ? s.getString() : null;
        if (site == null) {
            throw InvalidInputException.of("siteId", "is required");
        }
        Survey created = surveys.save(RequestBodies.uuid("siteId", site), null, name(json), definition(json));
        return Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(toJson(created).build().toString())
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace a survey's name and definition",
            description = "An active survey changes in open widgets within a second.")
    public String update(@PathParam("id") String id, InputStream body) {
        Survey survey = find(id);
        JsonObject json = RequestBodies.readObject(body, MAX_BYTES);
        return toJson(surveys.save(survey.siteId(), survey.id(), name(json), definition(json)))
                .build()
                .toString();
    }

    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Activate, pause or return a survey to draft",
            description = "{\"status\":\"active\"|\"paused\"|\"draft\"}")
    public String status(@PathParam("id") String id, InputStream body) {
        Survey survey = find(id);
        JsonObject json = RequestBodies.readObject(body, 1024);
        SurveyStatus status = (json.get("status") instanceof JsonString s
                        ? SurveyStatus.fromWire(s.getString())
                        : Optional.<SurveyStatus>empty())
                .orElseThrow(() -> InvalidInputException.of("status", "must be draft, active or paused"));
        return toJson(surveys.setStatus(survey.id(), status)).build().toString();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") String id) {
        surveys.delete(find(id).id());
        return Response.noContent().build();
    }

    @GET
    @Path("settings/{site}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public String settings(@PathParam("site") String site) {
        UUID siteId = RequestBodies.uuid("site", site);
        return JSON.createObjectBuilder()
                .add("siteId", siteId.toString())
                .add("cooldownHours", surveys.cooldownHours(siteId))
                .build()
                .toString();
    }

    @PUT
    @Path("settings/{site}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set the site's survey cooldown",
            description = "{\"cooldownHours\":24}: after any survey, no other for that long.")
    public String updateSettings(@PathParam("site") String site, InputStream body) {
        UUID siteId = RequestBodies.uuid("site", site);
        JsonObject json = RequestBodies.readObject(body, 1024);
        if (!(json.get("cooldownHours") instanceof JsonNumber n) || !n.isIntegral()) {
            throw InvalidInputException.of("cooldownHours", "must be a whole number of hours");
        }
        surveys.setCooldownHours(siteId, n.intValue());
        return settings(site);
    }

    private Survey find(String id) {
        return surveys.find(RequestBodies.uuid("id", id)).orElseThrow(() -> new NotFoundException("No survey " + id));
    }

    private static String name(JsonObject json) {
        return json.get("name") instanceof JsonString s ? s.getString() : null;
    }

    private static String definition(JsonObject json) {
        if (!(json.get("definition") instanceof JsonObject d)) {
            throw InvalidInputException.of(
                    "definition",
                    "is required: an object with questions, trigger and optionally "
                            + "targeting, frequency and thankYou");
        }
        return d.toString();
    }

    static JsonObjectBuilder toJson(Survey s) {
        return JSON.createObjectBuilder()
                .add("id", s.id().toString())
                .add("siteId", s.siteId().toString())
                .add("name", s.name())
                .add("status", s.status().wireName())
                .add("version", s.version())
                .add("updatedAt", s.updatedAt().toString())
                .add("displays", s.displays())
                .add("answered", s.answered())
                .add(
                        "definition",
                        JSON.createReader(new StringReader(s.definitionJson())).readObject());
    }
}
