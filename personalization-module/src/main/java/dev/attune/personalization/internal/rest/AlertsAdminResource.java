package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.MonitorService;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A site's monitor alerts: drift in ratings and sentiment, anomalous event rates. */
@Path("v1/admin/alerts")
@RequestScoped
@Tag(name = "Admin: monitors")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsAdminResource {
    @Inject
    MonitorService monitors;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "A site's alerts, newest first",
            description = "?site=<id>[&limit=100]: kind (rating_drift, sentiment_drift, "
                    + "rate_spike, rate_drop), direction, message, the level seen and the level expected.")
    public String list(@QueryParam("site") String site, @QueryParam("limit") Integer limit) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        monitors.alerts(ProfilesAdminResource.siteId(site), limit == null ? 100 : limit)
                .forEach(a -> list.add(JSON.createObjectBuilder()
                        .add("id", a.id().toString())
                        .add("kind", a.kind())
                        .add("increase", a.increase())
                        .add("message", a.message())
                        .add("value", a.value())
                        .add("expected", a.expected())
                        .add("at", a.at().toString())));
        return JSON.createObjectBuilder().add("alerts", list).build().toString();
    }
}
