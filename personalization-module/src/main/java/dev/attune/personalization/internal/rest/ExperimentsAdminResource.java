package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.ExperimentService;
import dev.attune.personalization.internal.experiments.DefinitionJson;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Experiments of a site: create (as a draft), edit, lifecycle, results now and over time, the site's holdout. */
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
    @Operation(
            summary = "Create an experiment (a draft)",
            description =
                    "{\"siteId\",\"key\",\"name\",\"hypothesis\",\"mode\":\"ab\"|\"bandit\","
                            + "\"variants\":[{\"key\":\"control\",\"weight\":50},{\"key\":\"b\",\"weight\":50,\"payload\":{\"text\":…}}],\"trafficPercent\":100,"
                            + "\"targeting\":{\"urlPatterns\":[\"/checkout*\"],\"devices\":[\"mobile\"]},\"layer\":{\"name\":\"checkout\",\"from\":0},"
                            + "\"metrics\":[{\"key\":\"purchase\",\"kind\":\"conversion|sum|mean|nps|ratio\",\"eventType\":\"purchase\","
                            + "\"denominatorEventType\":…,\"windowHours\":72,\"guardrail\":false,\"lowerIsBetter\":false}],\"autoStop\":false,"
                            + "\"startAt\":…,\"stopAt\":…}. Weights must sum to 100; experiments in one layer may not overlap (409).")
    public Response create(InputStream body) {
        JsonObject json = RestJson.read(body);
        UUID site;
        try {
            site = UUID.fromString(String.valueOf(RestJson.string(json, "siteId")));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("siteId", "must be a site id");
        }
        if (sites.findSite(site).isEmpty()) {
            throw InvalidInputException.of("siteId", "no such site");
        }
        Experiment e = experiments.create(site, DefinitionJson.parse(json));
        return Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(ExperimentsJson.experiment(e).build().toString())
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Edit an experiment",
            description =
                    "The whole definition, as for create. A draft may change anything; "
                            + "a running experiment only name, hypothesis, autoStop and stopAt; a finished one only name and hypothesis.")
    public String update(@PathParam("id") String id, InputStream body) {
        Experiment e = find(id);
        return ExperimentsJson.experiment(experiments.update(e.id(), DefinitionJson.parse(RestJson.read(body))))
                .build()
                .toString();
    }

    @GET
    @Path("settings/{site}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "A site's experiment settings", description = "{\"holdoutPercent\":5}")
    public String settings(@PathParam("site") String site) {
        UUID id = parse("site", site);
        if (sites.findSite(id).isEmpty()) {
            throw new NotFoundException("No site " + site);
        }
        return JSON.createObjectBuilder()
                .add("siteId", site)
                .add("holdoutPercent", experiments.holdoutPercent(id))
                .build()
                .toString();
    }

    @PUT
    @Path("settings/{site}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Set the global holdout",
            description = "{\"holdoutPercent\":0..50}: that share of the site's units sees "
                    + "every experiment's control and is counted in none (refused while experiments run).")
    public String setSettings(@PathParam("site") String site, InputStream body) {
        UUID id = parse("site", site);
        if (sites.findSite(id).isEmpty()) {
            throw new NotFoundException("No site " + site);
        }
        JsonObject json = RestJson.read(body);
        if (!(json.get("holdoutPercent") instanceof JsonNumber n) || !n.isIntegral()) {
            throw InvalidInputException.of("holdoutPercent", "is required: a whole number 0 to 50");
        }
        experiments.setHoldoutPercent(id, n.intValue());
        return settings(site);
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "Results over time",
            description = "The guard's snapshots: per time, metric and variant the units and mean, "
                    + "and for treatments the relative effect, its interval and the chance to win.")
    public String history(@PathParam("id") String id) {
        return ExperimentsJson.history(experiments.history(find(id).id()))
                .build()
                .toString();
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
        String status = RestJson.string(RestJson.read(body), "status");
        Experiment.Status next;
        try {
            next = Experiment.Status.valueOf(String.valueOf(status).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw InvalidInputException.of("status", "must be running, stopped or shipped");
        }
        return ExperimentsJson.experiment(experiments.setStatus(e.id(), next))
                .build()
                .toString();
    }

    @GET
    @Path("{id}/results")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "Results now",
            description = "Units per variant with the sample-ratio check; per metric each variant's "
                    + "mean and each treatment's relative effect: Welch interval and p-value (Holm-adjusted over the experiment), "
                    + "always-valid sequential interval, Bayesian chance to win and expected loss.")
    public String results(@PathParam("id") String id) {
        return ExperimentsJson.results(experiments.results(find(id).id()))
                .build()
                .toString();
    }

    private Experiment find(String id) {
        return experiments.find(parse("id", id)).orElseThrow(() -> new NotFoundException("No experiment " + id));
    }

    private static UUID parse(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "must be a UUID");
        }
    }
}
