package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.ProfileService;
import dev.attune.personalization.internal.profiles.DefaultProfileService;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Live profiles: a subject's (every read is personal data, so audited), a site's most recent, a rebuild from events. */
@Path("v1/admin/profiles")
@RequestScoped
@Tag(name = "Admin: profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfilesAdminResource {
    @Inject
    ProfileService profiles;

    @Inject
    AuditLog audit;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "A subject's profile, or a site's most recently seen",
            description = "?site=<id>&subject=<id>: one profile; "
                    + "?site=<id>[&limit=50]: the most recently seen profiles.")
    public String get(
            @QueryParam("site") String site,
            @QueryParam("subject") String subject,
            @QueryParam("limit") Integer limit) {
        UUID siteId = siteId(site);
        if (subject == null) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            profiles.recent(siteId, limit == null ? 50 : limit).forEach(p -> list.add(json(p)));
            return JSON.createObjectBuilder().add("profiles", list).build().toString();
        }
        Profile p = profiles.find(siteId, subject).orElseThrow(() -> new NotFoundException("No profile of " + subject));
        audit.record("profile.read", site + "/" + subject, AuditLog.AuditOutcome.SUCCESS, Map.of());
        return json(p).build().toString();
    }

    @POST
    @Path("rebuild")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "Rebuild a profile from the subject's stored events",
            description = "?site=<id>&subject=<id>; answers the rebuilt "
                    + "profile (404 without events or personalization consent).")
    public String rebuild(@QueryParam("site") String site, @QueryParam("subject") String subject) {
        UUID siteId = RestJson.knownSite(sites, site, "site");
        if (subject == null || subject.isBlank()) {
            throw InvalidInputException.of("subject", "is required");
        }
        Profile p = profiles.rebuild(siteId, subject)
                .orElseThrow(() -> new NotFoundException(
                        "No events of " + subject + " to build a profile from (or no personalization consent)"));
        audit.record(
                "profile.rebuild", site + "/" + subject, AuditLog.AuditOutcome.SUCCESS, Map.of("events", p.events()));
        return json(p).build().toString();
    }

    @Inject
    DefaultProfileService pipeline;

    @Inject
    SiteService sites;

    @GET
    @Path("pipeline")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    @Operation(
            summary = "How fast events reach profiles",
            description =
                    "Events applied since the last reset, and the 50th and 99th "
                            + "percentile and maximum of the time from an event's arrival to its profile's update (ms), over the latest 131,072.")
    public String pipeline() {
        double[] s = pipeline.lag().summary();
        return JSON.createObjectBuilder()
                .add("events", (long) s[0])
                .add("p50Ms", s[1])
                .add("p99Ms", s[2])
                .add("maxMs", s[3])
                .build()
                .toString();
    }

    @POST
    @Path("pipeline/reset")
    @RolesAllowed(Roles.ADMIN)
    public String resetPipeline() {
        pipeline.lag().reset();
        return pipeline();
    }

    static UUID siteId(String site) {
        if (site == null) {
            throw InvalidInputException.of("site", "is required: ?site=<site id>");
        }
        try {
            return UUID.fromString(site);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("site", "must be a UUID");
        }
    }

    static JsonObjectBuilder json(Profile p) {
        var o = JSON.createObjectBuilder()
                .add("siteId", p.siteId().toString())
                .add("subject", p.subject())
                .add("events", p.events())
                .add("firstSeen", p.firstSeen().toString())
                .add("lastSeen", p.lastSeen().toString())
                .add("asOf", p.asOf().toString())
                .add("items", scores(p.items()))
                .add("attributes", scores(p.attributes()))
                .add("ratings", p.ratings())
                .add("sentimentTexts", p.sentimentTexts())
                .add("engagement", p.engagement());
        if (p.averageRating() != null) {
            o.add("averageRating", p.averageRating());
        }
        if (p.latestNps() != null) {
            o.add("latestNps", p.latestNps()).add("npsClass", p.npsClass());
        }
        if (p.latestCsat() != null) {
            o.add("latestCsat", p.latestCsat()).add("averageCsat", p.averageCsat());
        }
        if (p.sentiment() != null) {
            o.add("sentiment", p.sentiment()).add("lastSentiment", p.lastSentiment());
        }
        if (p.sentimentTrend() != null) {
            o.add("sentimentTrend", p.sentimentTrend());
        }
        var devices = JSON.createObjectBuilder();
        p.devices().forEach(devices::add);
        var types = JSON.createObjectBuilder();
        p.eventTypes().forEach(types::add);
        return o.add("devices", devices).add("eventTypes", types);
    }

    private static JsonArrayBuilder scores(List<Profile.Score> scores) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        scores.stream()
                .limit(50)
                .forEach(s -> a.add(JSON.createObjectBuilder()
                        .add("key", s.key())
                        .add("score", s.score())
                        .add("events", s.events())));
        return a;
    }

    static JsonObjectBuilder json(EventEnrichment e) {
        var o = JSON.createObjectBuilder()
                .add("eventId", e.eventId().toString())
                .add("type", e.type())
                .add("occurredAt", e.occurredAt().toString());
        if (e.subject() != null) {
            o.add("subject", e.subject());
        }
        if (e.language() != null) {
            o.add("language", e.language());
        }
        if (e.sentiment() != null) {
            o.add("sentiment", e.sentiment());
        }
        if (e.sentimentLabel() != null) {
            o.add("sentimentLabel", e.sentimentLabel());
        }
        if (e.deviceClass() != null) {
            o.add("deviceClass", e.deviceClass());
        }
        if (e.browser() != null) {
            o.add("browser", e.browser());
        }
        if (e.os() != null) {
            o.add("os", e.os());
        }
        if (e.localHour() != null) {
            o.add("localHour", e.localHour()).add("weekday", e.weekday());
        }
        if (e.referrerClass() != null) {
            o.add("referrerClass", e.referrerClass());
        }
        if (e.sessionDepth() != null) {
            o.add("sessionDepth", e.sessionDepth());
        }
        JsonArrayBuilder keywords = JSON.createArrayBuilder();
        e.keywords().forEach(keywords::add);
        return o.add("keywords", keywords);
    }
}
