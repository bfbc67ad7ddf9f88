package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.personalization.api.KpiService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dashboard KPIs of a site from the incrementally kept rollups. */
@Path("v1/admin/kpis")
@RequestScoped
@Tag(name = "Admin: dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class KpisAdminResource {
    @Inject
    KpiService kpis;

    @Inject
    SiteService sites;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "KPIs of a site",
            description =
                    "?site=<id>&from=&to= (ISO instants; default the last 24 hours)&bucket=minute|hour|day"
                            + "&device=&locale=: totals, a time series, breakdowns by device class and language, recommendation click-through.")
    public String get(
            @QueryParam("site") String site,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("bucket") String bucket,
            @QueryParam("device") String device,
            @QueryParam("locale") String locale) {
        UUID siteId = ProfilesAdminResource.siteId(site);
        if (sites.findSite(siteId).isEmpty()) {
            throw InvalidInputException.of("site", "no such site");
        }
        Instant end = instant(to, "to", Instant.now());
        Instant start = instant(from, "from", end.minus(Duration.ofHours(24)));
        if (!start.isBefore(end)) {
            throw InvalidInputException.of("from", "must be before to");
        }
        KpiService.Bucket b;
        try {
            b = bucket == null
                    ? KpiService.Bucket.HOUR
                    : KpiService.Bucket.valueOf(bucket.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("bucket", "must be minute, hour or day");
        }
        KpiService.Kpis k = kpis.kpis(siteId, start, end, b, device, locale);
        JsonArrayBuilder series = JSON.createArrayBuilder();
        k.series()
                .forEach(p ->
                        series.add(values(p.values()).add("bucket", p.bucket().toString())));
        JsonArrayBuilder recs = JSON.createArrayBuilder();
        k.recommendations()
                .series()
                .forEach(p -> recs.add(JSON.createObjectBuilder()
                        .add("bucket", p.bucket().toString())
                        .add("served", p.served())
                        .add("rewarded", p.rewarded())));
        JsonObjectBuilder recommendations = JSON.createObjectBuilder()
                .add("served", k.recommendations().served())
                .add("rewarded", k.recommendations().rewarded())
                .add("series", recs);
        add(recommendations, "clickThrough", k.recommendations().clickThrough());
        return JSON.createObjectBuilder()
                .add("from", k.from().toString())
                .add("to", k.to().toString())
                .add("bucket", k.bucket().name().toLowerCase(Locale.ROOT))
                .add("eventsPerSecond", k.eventsPerSecond())
                .add("totals", values(k.totals()))
                .add("series", series)
                .add("byDevice", breakdown(k.byDevice()))
                .add("byLocale", breakdown(k.byLocale()))
                .add("bySegment", breakdown(k.bySegment()))
                .add("recommendations", recommendations)
                .build()
                .toString();
    }

    private static JsonObjectBuilder breakdown(Map<String, KpiService.Values> slices) {
        JsonObjectBuilder o = JSON.createObjectBuilder();
        slices.forEach((k, v) -> o.add(k, values(v)));
        return o;
    }

    private static JsonObjectBuilder values(KpiService.Values v) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("events", v.events())
                .add("pageViews", v.pageViews())
                .add("explicit", v.explicit())
                .add("ratings", v.ratings())
                .add("promoters", v.promoters())
                .add("passives", v.passives())
                .add("detractors", v.detractors())
                .add("csatAnswers", v.csatAnswers())
                .add("sentimentTexts", v.sentimentTexts())
                .add("thumbsUp", v.thumbsUp())
                .add("thumbsDown", v.thumbsDown())
                .add("clicks", v.clicks())
                .add("carts", v.carts())
                .add("purchases", v.purchases())
                .add("revenue", v.revenue());
        add(o, "averageRating", v.averageRating());
        add(o, "nps", v.nps());
        add(o, "averageCsat", v.averageCsat());
        add(o, "csatSatisfiedShare", v.csatSatisfiedShare());
        add(o, "averageSentiment", v.averageSentiment());
        add(o, "interactionRate", v.interactionRate());
        add(o, "conversionRate", v.conversionRate());
        return o;
    }

    private static void add(JsonObjectBuilder o, String field, Double value) {
        if (value == null) {
            o.addNull(field);
        } else {
            o.add(field, value);
        }
    }

    private static Instant instant(String s, String field, Instant otherwise) {
        if (s == null || s.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "must be an ISO-8601 instant such as 2026-11-23T00:00:00Z");
        }
    }
}
