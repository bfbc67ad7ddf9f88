package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.DiscoveredSegment;
import dev.attune.personalization.api.Segment;
import dev.attune.personalization.api.SegmentService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
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
import java.io.StringReader;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Segments of a site: define with a rule, preview who would be in, members now and over time. */
@Path("v1/admin/segments")
@RequestScoped
@Tag(name = "Admin: segments")
@Produces(MediaType.APPLICATION_JSON)
public class SegmentsAdminResource {
    private static final String RULES =
            "Rule: {\"all\":[…]} | {\"any\":[…]} | {\"not\":…} | {\"field\":F,\"op\":OP,\"value\":V} | "
                    + "{\"interest\":{\"item\":K}|{\"attribute\":K},\"op\":OP,\"value\":N} | {\"events\":{\"type\":T,\"item\":I,\"sameItem\":true,"
                    + "\"sentiment\":\"negative\",\"withinHours\":H},\"op\":OP,\"value\":N}; fields: events, engagement, averageRating, ratings, "
                    + "latestNps, npsClass, latestCsat, averageCsat, sentiment, lastSentiment, sentimentTrend, sentimentTexts, daysSinceLastSeen, device, mobileShare.";

    @Inject
    SegmentService segments;

    @Inject
    SiteService sites;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Create a segment",
            description = "{\"siteId\",\"key\",\"name\",\"description\",\"rule\":{…}}. " + RULES)
    public Response create(InputStream body) {
        JsonObject json = RestJson.read(body);
        UUID site = RestJson.siteOf(sites, json);
        Segment s = segments.create(
                site,
                RestJson.string(json, "key"),
                RestJson.string(json, "name"),
                RestJson.string(json, "description"),
                rule(json));
        return Response.status(201)
                .type(MediaType.APPLICATION_JSON)
                .entity(json(s).build().toString())
                .build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Change a segment",
            description = "{\"name\",\"description\",\"rule\":{…},\"active\":true}; members are re-evaluated.")
    public String update(@PathParam("id") String id, InputStream body) {
        Segment s = find(id);
        JsonObject json = RestJson.read(body);
        return json(segments.update(
                        s.id(),
                        RestJson.string(json, "name"),
                        RestJson.string(json, "description"),
                        rule(json),
                        json.getBoolean("active", true)))
                .build()
                .toString();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    public String list(@QueryParam("site") String site) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        segments.list(ProfilesAdminResource.siteId(site)).forEach(s -> list.add(json(s)));
        return JSON.createObjectBuilder().add("segments", list).build().toString();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    public String get(@PathParam("id") String id) {
        return json(find(id)).build().toString();
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Who would be in",
            description = "{\"siteId\",\"rule\":{…}}: over the site's 10,000 most recently seen profiles, "
                    + "how many match, with a sample. Nothing is stored.")
    public String preview(InputStream body) {
        JsonObject json = RestJson.read(body);
        SegmentService.Preview p =
                segments.preview(ProfilesAdminResource.siteId(RestJson.string(json, "siteId")), rule(json));
        JsonArrayBuilder sample = JSON.createArrayBuilder();
        p.sample().forEach(sample::add);
        return JSON.createObjectBuilder()
                .add("profiles", p.profiles())
                .add("matching", p.matching())
                .add("sample", sample)
                .build()
                .toString();
    }

    @POST
    @Path("discover")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Discover segments now",
            description =
                    "?site=<id>: clusters the site's profiles (k-means++ on standardised "
                            + "activity, engagement, rating, NPS, sentiment, mobile share, purchase share, recency) and answers the groups.")
    public String discover(@QueryParam("site") String site) {
        return discovered(segments.discover(ProfilesAdminResource.siteId(site)));
    }

    @GET
    @Path("discovered")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "The latest discovered segments",
            description = "?site=<id>: largest first, with each group's feature averages and a description.")
    public String discovered(@QueryParam("site") String site) {
        return discovered(segments.discovered(ProfilesAdminResource.siteId(site)));
    }

    private static String discovered(List<DiscoveredSegment> found) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (var d : found) {
            var profile = JSON.createObjectBuilder();
            d.profile().forEach(profile::add);
            list.add(JSON.createObjectBuilder()
                    .add("cluster", d.cluster())
                    .add("size", d.size())
                    .add("description", d.description())
                    .add("profile", profile)
                    .add("computedAt", d.computedAt().toString()));
        }
        return JSON.createObjectBuilder().add("discovered", list).build().toString();
    }

    @GET
    @Path("{id}/members")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    public String members(@PathParam("id") String id, @QueryParam("limit") Integer limit) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        segments.members(find(id).id(), limit == null ? 100 : limit)
                .forEach(m -> list.add(JSON.createObjectBuilder()
                        .add("subject", m.subject())
                        .add("enteredAt", m.enteredAt().toString())));
        return JSON.createObjectBuilder().add("members", list).build().toString();
    }

    @GET
    @Path("{id}/history")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "Members over time",
            description = "Per UTC day: members at the end of the day, entries, exits.")
    public String history(@PathParam("id") String id) {
        JsonArrayBuilder days = JSON.createArrayBuilder();
        segments.history(find(id).id())
                .forEach(d -> days.add(JSON.createObjectBuilder()
                        .add("day", d.day().toString())
                        .add("members", d.members())
                        .add("entered", d.entered())
                        .add("left", d.left())));
        return JSON.createObjectBuilder().add("days", days).build().toString();
    }

    private Segment find(String id) {
        try {
            return segments.find(UUID.fromString(id)).orElseThrow(() -> new NotFoundException("No segment " + id));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("id", "must be a UUID");
        }
    }

    static JsonObjectBuilder json(Segment s) {
        var o = JSON.createObjectBuilder()
                .add("id", s.id().toString())
                .add("siteId", s.siteId().toString())
                .add("key", s.key())
                .add("name", s.name())
                .add("rule", JSON.createReader(new StringReader(s.ruleJson())).readValue())
                .add("active", s.active())
                .add("members", s.members())
                .add("createdAt", s.createdAt().toString());
        if (s.description() != null) {
            o.add("description", s.description());
        }
        return o;
    }

    private static String rule(JsonObject json) {
        JsonValue rule = json.get("rule");
        if (rule == null || rule == JsonValue.NULL) {
            throw InvalidInputException.of("rule", "is required");
        }
        return rule instanceof JsonString s ? s.getString() : rule.toString();
    }
}
