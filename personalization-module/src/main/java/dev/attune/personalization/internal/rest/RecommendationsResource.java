package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.personalization.api.RecommendationService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recommendations for a site's server (secret key), and the slots, models and bandits for the console. */
@Path("v1")
@RequestScoped
@Tag(name = "Recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationsResource {

    @Inject
    RecommendationService recommendations;

    @Inject
    SiteService sites;

    @GET
    @Path("recommendations")
    @Operation(
            summary = "A person's recommendations for a slot",
            description = "Authorization: Bearer <secret key>. ?slot=home&person=<subject>"
                    + "&n=6&device=mobile. Answered from memory with an explanation per item; the list is logged (listId) so a click on one of its "
                    + "items rewards it.")
    public String recommend(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("slot") String slot,
            @QueryParam("person") String person,
            @QueryParam("n") Integer n,
            @QueryParam("device") String device) {
        SiteSummary site = authenticate(authorization);
        if (slot == null || !slot.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,59}")) {
            throw InvalidInputException.of("slot", "is required: a slot name of letters, digits, _ and -");
        }
        if (person != null && (person.isBlank() || person.length() > 200)) {
            throw InvalidInputException.of("person", "must be 1 to 200 characters");
        }
        if (n != null && (n < 1 || n > 50)) {
            throw InvalidInputException.of("n", "must be 1 to 50");
        }
        return json(recommendations.recommend(site.id(), person, slot, n == null ? 0 : n, device))
                .build()
                .toString();
    }

    @GET
    @Path("admin/recommendations/preview")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "What a person would see in a slot, and why",
            description = "?site&slot&person&n: not logged, no bandit learning.")
    public String preview(
            @QueryParam("site") String site,
            @QueryParam("slot") String slot,
            @QueryParam("person") String person,
            @QueryParam("n") Integer n) {
        return json(recommendations.preview(
                        RestJson.knownSite(sites, site, "site"),
                        person,
                        slot == null ? "home" : slot,
                        n == null ? 0 : n))
                .build()
                .toString();
    }

    @GET
    @Path("admin/recommendations/slots")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    public String slots(@QueryParam("site") String site) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        recommendations.slots(ProfilesAdminResource.siteId(site)).forEach(s -> list.add(slot(s)));
        return JSON.createObjectBuilder()
                .add("slots", list)
                .add("strategies", strings(RecommendationService.STRATEGIES))
                .build()
                .toString();
    }

    @PUT
    @Path("admin/recommendations/slots/{slot}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Configure a slot",
            description = "?site=<id>; {\"strategy\":\"hybrid\"|…|\"bandit\",\"arms\":[…],\"size\":6,"
                    + "\"includeConsumed\":false,\"title\":\"…\"}")
    public String saveSlot(@QueryParam("site") String site, @PathParam("slot") String slot, InputStream body) {
        UUID siteId = ProfilesAdminResource.siteId(site);
        if (sites.findSite(siteId).isEmpty()) {
            throw InvalidInputException.of("site", "no such site");
        }
        JsonObject json = RestJson.read(body);
        List<String> arms = json.get("arms") instanceof JsonArray a
                ? a.getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()
                : List.of();
        int size = json.containsKey("size") && json.get("size") instanceof JsonNumber num && num.isIntegral()
                ? num.intValue()
                : json.containsKey("size") ? -1 : 6;
        return slot(recommendations.saveSlot(
                        siteId,
                        new RecommendationService.Slot(
                                slot,
                                RestJson.string(json, "strategy"),
                                arms,
                                size,
                                json.getBoolean("includeConsumed", false),
                                RestJson.string(json, "title"))))
                .build()
                .toString();
    }

    @GET
    @Path("admin/recommendations/models")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "The site's models in memory",
            description = "Version, when fitted, from how many people, items and interactions, "
                    + "and each strategy's fit time.")
    public String models(@QueryParam("site") String site) {
        return recommendations
                .models(ProfilesAdminResource.siteId(site))
                .map(m -> info(m).build().toString())
                .orElse(JSON.createObjectBuilder().add("version", 0).build().toString());
    }

    @POST
    @Path("admin/recommendations/refit")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(summary = "Refit the site's models now", description = "Blocks until the new version is in use.")
    public String refit(@QueryParam("site") String site) {
        return info(recommendations.refit(ProfilesAdminResource.siteId(site)))
                .build()
                .toString();
    }

    @GET
    @Path("admin/recommendations/slots/{slot}/arms")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "A bandit slot's arms", description = "Per device and strategy: lists served and rewarded.")
    public String arms(@QueryParam("site") String site, @PathParam("slot") String slot) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        recommendations
                .arms(ProfilesAdminResource.siteId(site), slot)
                .forEach(a -> list.add(JSON.createObjectBuilder()
                        .add("context", a.context())
                        .add("arm", a.arm())
                        .add("served", a.served())
                        .add("rewarded", a.rewarded())));
        return JSON.createObjectBuilder().add("arms", list).build().toString();
    }

    @GET
    @Path("admin/recommendations/slots/{slot}/off-policy")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "Off-policy estimates of a bandit slot",
            description =
                    "From the last 30 days of its log: per arm, the reward "
                            + "rate serving only that arm would have had (IPS with standard error, SNIPS, effective sample size), beside the bandit's own.")
    public String offPolicy(@QueryParam("site") String site, @PathParam("slot") String slot) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        recommendations
                .offPolicy(ProfilesAdminResource.siteId(site), slot)
                .forEach(e -> list.add(JSON.createObjectBuilder()
                        .add("arm", e.arm())
                        .add("lists", e.lists())
                        .add("loggedRewardRate", e.loggedRewardRate())
                        .add("ips", e.ips())
                        .add("ipsStandardError", e.ipsStandardError())
                        .add("snips", e.snips())
                        .add("effectiveSampleSize", e.effectiveSampleSize())));
        return JSON.createObjectBuilder().add("estimates", list).build().toString();
    }

    private static JsonObjectBuilder info(RecommendationService.ModelInfo m) {
        var ms = JSON.createObjectBuilder();
        m.fitMillis().forEach(ms::add);
        return JSON.createObjectBuilder()
                .add("version", m.version())
                .add("fittedAt", m.fittedAt().toString())
                .add("people", m.people())
                .add("items", m.items())
                .add("interactions", m.interactions())
                .add("fitMillis", ms);
    }

    private static JsonObjectBuilder slot(RecommendationService.Slot s) {
        var o = JSON.createObjectBuilder()
                .add("slot", s.slot())
                .add("strategy", s.strategy())
                .add("arms", strings(s.arms()))
                .add("size", s.size())
                .add("includeConsumed", s.includeConsumed());
        if (s.title() != null) {
            o.add("title", s.title());
        }
        return o;
    }

    private static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        values.forEach(a::add);
        return a;
    }

    static JsonObjectBuilder json(RecommendationService.Recommendations r) {
        JsonArrayBuilder items = JSON.createArrayBuilder();
        for (RecommendationService.Item i : r.items()) {
            var o = JSON.createObjectBuilder()
                    .add("id", i.id())
                    .add("title", i.title())
                    .add("score", i.score())
                    .add("reason", i.reason())
                    .add("propensity", i.propensity());
            if (i.url() != null) {
                o.add("url", i.url());
            }
            items.add(o);
        }
        var o = JSON.createObjectBuilder()
                .add("listId", r.listId().toString())
                .add("slot", r.slot())
                .add("strategy", r.strategy())
                .add("title", r.title())
                .add("modelVersion", r.modelVersion())
                .add("items", items);
        if (r.rule() != null) {
            o.add("rule", r.rule());
        }
        return o;
    }

    private SiteSummary authenticate(String authorization) {
        return RestJson.secretKey(sites, authorization);
    }
}
