package dev.attune.personalization.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.ProfileService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What was derived from events (lineage): one event's enrichment, or a subject's newest. */
@Path("v1/admin/enrichments")
@RequestScoped
@Tag(name = "Admin: profiles")
@Produces(MediaType.APPLICATION_JSON)
public class EnrichmentsAdminResource {
    @Inject
    ProfileService profiles;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(
            summary = "Enrichments",
            description =
                    "?site=<id>&event=<event id>: one event's; ?site=<id>&subject=<id>[&limit=100]: a subject's, newest first.")
    public String get(
            @QueryParam("site") String site,
            @QueryParam("event") String event,
            @QueryParam("subject") String subject,
            @QueryParam("limit") Integer limit) {
        UUID siteId = ProfilesAdminResource.siteId(site);
        if (event != null) {
            UUID eventId;
            try {
                eventId = UUID.fromString(event);
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("event", "must be an event id (UUID)");
            }
            return ProfilesAdminResource.json(profiles.enrichment(siteId, eventId)
                            .orElseThrow(() -> new NotFoundException("Nothing derived from event " + event + " (yet)")))
                    .build()
                    .toString();
        }
        if (subject == null) {
            throw InvalidInputException.of("event", "give ?event=<event id> or ?subject=<subject id>");
        }
        JsonArrayBuilder list = JSON.createArrayBuilder();
        profiles.enrichments(siteId, subject, limit == null ? 100 : limit)
                .forEach(e -> list.add(ProfilesAdminResource.json(e)));
        return JSON.createObjectBuilder().add("enrichments", list).build().toString();
    }
}
