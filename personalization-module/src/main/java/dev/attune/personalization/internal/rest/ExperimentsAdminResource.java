package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Experiments of a site: create (as a draft), lifecycle, results. */
@Path("v1/admin/experiments")
@RequestScoped
@Tag(name = "Admin: experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentsAdminResource {
    @Inject
    ExperimentService experiments;

    @Inject
    SiteService sites;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Create an experiment (a draft)", description = "{\"siteId\",\"key\",\"name\",\"hypothesis\","
            + "\"variants\":[{\"key\":\"control\",\"weight\":50},{\"key\":\"b\",\"weight\":50,\"payload\":{…}}],\"trafficPercent\":100,"
            + "\"metrics\":[{\"key\":\"purchase\",\"kind\":\"conversion\",\"eventType\":\"purchase\",\"windowHours\":72}]}")
    public Response create(InputStream body) {
        JsonObject json = read(body);
        List<FieldError> errors = new ArrayList<>();
        UUID site = uuid(json, "siteId", errors);
        if (site != null && sites.findSite(site).isEmpty()) {
            errors.add(new FieldError("siteId", "no such site"));
        }
        List<Experiment.Variant> variants = new ArrayList<>();
        JsonArray vs = array(json, "variants", errors);
        for (int i = 0; vs != null && i < vs.size(); i++) {
            JsonObject v = vs.get(i) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            variants.add(new Experiment.Variant(string(v, "key"), v.get("weight") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : 0,
                    v.containsKey("payload") ? v.get("payload").toString() : null));
        }
        List<Experiment.Metric> metrics = new ArrayList<>();
        JsonArray ms = array(json, "metrics", errors);
        for (int i = 0; ms != null && i < ms.size(); i++) {
            JsonObject m = ms.get(i) instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            Experiment.Metric.Kind kind = null;
            try {
                kind = Experiment.Metric.Kind.valueOf(String.valueOf(string(m, "kind")).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // reported by the service
            }
            metrics.add(new Experiment.Metric(string(m, "key"), kind, string(m, "eventType"),
                    m.get("windowHours") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : 72, m.getBoolean("guardrail", false)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid experiment", errors);
        }
        int traffic = json.get("trafficPercent") instanceof JsonNumber n && n.isIntegral() ? n.intValue() : 100;
        Experiment e = experiments.create(site, string(json, "key"), string(json, "name"), string(json, "hypothesis"), variants, traffic, metrics,
                json.getBoolean("autoStop", false));
        return Response.status(201).type(MediaType.APPLICATION_JSON).entity(ExperimentsJson.experiment(e).build().toString()).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    public String list(@QueryParam("site") String site) {
        if (site == null) {
            throw InvalidInputException.of("site", "is required: ?site=<site id>");
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        experiments.list(parse("site", site)).forEach(e -> list.add(ExperimentsJson.experiment(e)));
        return JSON.createObjectBuilder().add("experiments", list).build().toString();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    public String get(@PathParam("id") String id) {
        return ExperimentsJson.experiment(find(id)).build().toString();
    }

    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Start, stop or ship", description = "{\"status\":\"running\"|\"stopped\"|\"shipped\"}")
    public String status(@PathParam("id") String id, InputStream body) {
        Experiment e = find(id);
        String status = string(read(body), "status");
        Experiment.Status next;
        try {
            next = Experiment.Status.valueOf(String.valueOf(status).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw InvalidInputException.of("status", "must be running, stopped or shipped");
        }
        return ExperimentsJson.experiment(experiments.setStatus(e.id(), next)).build().toString();
    }

    @GET
    @Path("{id}/results")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Results now", description = "Units per variant with the sample-ratio check; per metric each variant's "
            + "mean and each treatment's relative effect: Welch interval and p-value (Holm-adjusted over the experiment), "
            + "always-valid sequential interval, Bayesian chance to win and expected loss.")
    public String results(@PathParam("id") String id) {
        return ExperimentsJson.results(experiments.results(find(id).id())).build().toString();
    }

    private Experiment find(String id) {
        return experiments.find(parse("id", id)).orElseThrow(() -> new NotFoundException("No experiment " + id));
    }

    private static JsonObject read(InputStream body) {
        try {
            return JSON.createReader(body).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw InvalidInputException.of("(body)", "must be a JSON object");
        }
    }

    private static String string(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }

    private static JsonArray array(JsonObject o, String field, List<FieldError> errors) {
        if (o.get(field) instanceof JsonArray a) {
            return a;
        }
        errors.add(new FieldError(field, "is required: an array"));
        return null;
    }

    private static UUID uuid(JsonObject o, String field, List<FieldError> errors) {
        try {
            return UUID.fromString(String.valueOf(string(o, field)));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be a site id"));
            return null;
        }
    }

    private static UUID parse(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "must be a UUID");
        }
    }
}
