package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
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
import jakarta.json.JsonValue;
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
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Rules of a site: condition on profile or segments → message, slot strategy, survey or webhook; dry run and hit counts. */
@Path("v1/admin/rules")
@RequestScoped
@Tag(name = "Admin: rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesAdminResource {
    private static final String DEFINITION =
            "definition: {\"when\":condition (segment rule language, plus {\"segment\":\"key\"}), "
                    + "\"on\":[\"visit\",event types…] (optional), \"action\":{\"type\":\"message\",\"title\",\"template\",\"link\":{\"url\",\"label\"}} | "
                    + "{\"type\":\"slot\",\"slot\",\"strategy\",\"title\"} | {\"type\":\"survey\",\"survey\":id} | {\"type\":\"webhook\",\"webhook\":id}, "
                    + "\"cap\":{\"times\":1,\"perHours\":24}}. Template placeholders {{name}} or {{name|fallback}}: subject, events, engagement, "
                    + "averageRating, ratings, latestNps, npsClass, latestCsat, sentiment, sentimentTrend, topItem, topAttribute, device, "
                    + "daysSinceLastSeen. Slot strategies: hybrid, ease, item_knn, als, rp3beta, spectral, content, popular, trending, top_rated, top_rated_in_top_attribute.";

    @Inject
    RuleService rules;

    @Inject
    SiteService sites;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Create a rule",
            description =
                    "{\"siteId\",\"key\",\"name\",\"description\",\"priority\":0,\"definition\":{…}}. " + DEFINITION)
    public Response create(InputStream body) {
        JsonObject json = RestJson.read(body);
        UUID site = RestJson.siteOf(sites, json);
        Rule r = rules.create(
                site,
                RestJson.string(json, "key"),
                RestJson.string(json, "name"),
                RestJson.string(json, "description"),
                priority(json),
                definition(json));
        return Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(json(r).build().toString())
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Change a rule",
            description =
                    "{\"name\",\"description\",\"priority\",\"definition\":{…},\"active\":true}; applies at once.")
    public String update(@PathParam("id") String id, InputStream body) {
        Rule r = find(id);
        JsonObject json = RestJson.read(body);
        return json(rules.update(
                        r.id(),
                        RestJson.string(json, "name"),
                        RestJson.string(json, "description"),
                        priority(json),
                        definition(json),
                        json.getBoolean("active", true)))
                .build()
                .toString();
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Response delete(@PathParam("id") String id) {
        rules.delete(find(id).id());
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "The site's rules",
            description = "?site=<id>: highest priority first, with hit counts (today, 7 days, capped in 7 days).")
    public String list(@QueryParam("site") String site) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        rules.list(ProfilesAdminResource.siteId(site)).forEach(r -> list.add(json(r)));
        return JSON.createObjectBuilder().add("rules", list).build().toString();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    public String get(@PathParam("id") String id) {
        return json(find(id)).build().toString();
    }

    @POST
    @Path("dry-run")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Who a rule would act for",
            description = "{\"siteId\",\"definition\":{…},\"ruleId\" (optional: count its cap)}: "
                    + "over the site's 10,000 most recently seen profiles, how many match, how many the cap holds back, and a sample with what each "
                    + "would get. Nothing is sent or counted.")
    public String dryRun(InputStream body) {
        JsonObject json = RestJson.read(body);
        UUID site = RestJson.siteOf(sites, json);
        UUID ruleId = null;
        if (RestJson.string(json, "ruleId") != null) {
            ruleId = find(RestJson.string(json, "ruleId")).id();
        }
        RuleService.DryRun d = rules.dryRun(site, ruleId, definition(json));
        JsonArrayBuilder sample = JSON.createArrayBuilder();
        d.sample()
                .forEach(s -> sample.add(
                        JSON.createObjectBuilder().add("subject", s.subject()).add("outcome", s.outcome())));
        return JSON.createObjectBuilder()
                .add("profiles", d.profiles())
                .add("matching", d.matching())
                .add("capped", d.capped())
                .add("sample", sample)
                .build()
                .toString();
    }

    @GET
    @Path("{id}/hits")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "Hit counts per day",
            description = "?days=30: per UTC day, times fired and times held back by the cap.")
    public String hits(@PathParam("id") String id, @QueryParam("days") Integer days) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        rules.hits(find(id).id(), days == null ? 30 : days)
                .forEach(d -> list.add(JSON.createObjectBuilder()
                        .add("day", d.day().toString())
                        .add("fired", d.fired())
                        .add("capped", d.capped())));
        return JSON.createObjectBuilder().add("days", list).build().toString();
    }

    @GET
    @Path("{id}/firings")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "Latest firings", description = "Newest first: subject, action, what was done, when.")
    public String firings(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        rules.firings(find(id).id(), limit == null ? 100 : limit).forEach(f -> {
            var o = JSON.createObjectBuilder()
                    .add("subject", f.subject())
                    .add("action", f.action())
                    .add("at", f.at().toString());
            if (f.detail() != null) {
                o.add("detail", f.detail());
            }
            list.add(o);
        });
        return JSON.createObjectBuilder().add("firings", list).build().toString();
    }

    private Rule find(String id) {
        try {
            return rules.find(UUID.fromString(id)).orElseThrow(() -> new NotFoundException("No rule " + id));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("id", "must be a UUID");
        }
    }

    private static int priority(JsonObject json) {
        JsonValue p = json.get("priority");
        if (p == null || p == JsonValue.NULL) {
            return 0;
        }
        if (!(p instanceof JsonNumber n) || !n.isIntegral()) {
            throw InvalidInputException.of("priority", "must be a whole number from -1000 to 1000");
        }
        return n.intValue();
    }

    private static String definition(JsonObject json) {
        JsonValue d = json.get("definition");
        if (d == null || d == JsonValue.NULL) {
            throw InvalidInputException.of("definition", "is required: {\"when\":…, \"action\":…}");
        }
        return d instanceof JsonString s ? s.getString() : d.toString();
    }

    static JsonObjectBuilder json(Rule r) {
        var o = JSON.createObjectBuilder()
                .add("id", r.id().toString())
                .add("siteId", r.siteId().toString())
                .add("key", r.key())
                .add("name", r.name())
                .add("priority", r.priority())
                .add(
                        "definition",
                        JSON.createReader(new StringReader(r.definitionJson())).readValue())
                .add("active", r.active())
                .add("version", r.version())
                .add("createdAt", r.createdAt().toString())
                .add("updatedAt", r.updatedAt().toString())
                .add("firedToday", r.firedToday())
                .add("fired7d", r.fired7d())
                .add("capped7d", r.capped7d());
        if (r.description() != null) {
            o.add("description", r.description());
        }
        return o;
    }
}
