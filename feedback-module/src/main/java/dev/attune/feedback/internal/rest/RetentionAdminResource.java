package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.EventRetention;
import dev.attune.feedback.api.EventRetention.RetentionReport;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Retention on demand (it also runs every hour): what was removed, per site. */
@Path("v1/admin/retention")
@Tag(name = "Admin: sites")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RetentionAdminResource {
    @Inject
    EventRetention retention;

    @POST
    @Path("run")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Enforce every site's retention now",
            description =
                    "Drops event partitions past every site's retention and deletes older rows of sites that keep less; audited.")
    public String run() {
        return toJson(retention.enforce("api"));
    }

    static String toJson(RetentionReport report) {
        JsonArrayBuilder sites = JSON.createArrayBuilder();
        report.sites()
                .forEach(s -> sites.add(JSON.createObjectBuilder()
                        .add("siteId", s.siteId().toString())
                        .add("name", s.siteName())
                        .add("retentionDays", s.retentionDays())
                        .add("cutoff", s.cutoff().toString())
                        .add("eventsDeleted", s.eventsDeleted())));
        JsonArrayBuilder dropped = JSON.createArrayBuilder();
        report.droppedPartitions().forEach(dropped::add);
        return JSON.createObjectBuilder()
                .add("ranAt", report.ranAt().toString())
                .add("trigger", report.trigger())
                .add("eventsDeleted", report.eventsDeleted())
                .add("droppedPartitions", dropped)
                .add("sites", sites)
                .build()
                .toString();
    }
}
