package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.EventSchemaService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.JsonBodies;
import dev.attune.platform.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A site's JSON Schemas for custom events (Iglu-style versions). */
@Path("v1/admin/schemas")
@RequestScoped
@Tag(name = "Admin: event schemas")
@Produces(MediaType.APPLICATION_JSON)
public class SchemasAdminResource {
    private static final int MAX_SCHEMA_BYTES = 64 * 1024;

    @Inject
    EventSchemaService schemas;

    @PUT
    @Path("{site}/{name}/{version}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Register a version of a custom event's schema",
            description =
                    "The body is a JSON Schema (draft 2020-12) for the properties of custom events whose properties.name is "
                            + "{name}; version like 1-0-0. 201 when new, 200 when the same schema was registered before, 409 when the "
                            + "version exists with other content (versions never change).")
    public Response register(
            @PathParam("site") String site,
            @PathParam("name") String name,
            @PathParam("version") String version,
            InputStream body)
            throws IOException {
        byte[] bytes = body.readNBytes(MAX_SCHEMA_BYTES + 1);
        if (bytes.length > MAX_SCHEMA_BYTES) {
            throw InvalidInputException.of("(body)", "a schema may be at most " + MAX_SCHEMA_BYTES + " bytes");
        }
        String text = JsonBodies.utf8(bytes);
        JsonBodies.parse(text, "(body)"); // depth and repeated keys; the registry says what else is wrong
        boolean created = schemas.register(RequestBodies.uuid("site", site), name, version, text);
        String answer = JSON.createObjectBuilder()
                .add("siteId", site)
                .add("name", name)
                .add("version", version)
                .add("created", created)
                .build()
                .toString();
        return Response.status(created ? 201 : 200)
                .type(MediaType.APPLICATION_JSON)
                .entity(answer)
                .build();
    }

    @GET
    @Path("{site}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "A site's schemas, every version")
    public String list(@PathParam("site") String site) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        schemas.list(RequestBodies.uuid("site", site))
                .forEach(s -> list.add(JSON.createObjectBuilder()
                        .add("name", s.name())
                        .add("version", s.version())
                        .add("createdAt", s.createdAt().toString())));
        return list.build().toString();
    }

    @GET
    @Path("{site}/{name}/{version}")
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST, Roles.AUDITOR})
    @Operation(summary = "One schema version, as registered")
    public String get(
            @PathParam("site") String site, @PathParam("name") String name, @PathParam("version") String version) {
        return schemas.find(RequestBodies.uuid("site", site), name, version)
                .map(EventSchemaService.EventSchema::schemaJson)
                .orElseThrow(() -> new NotFoundException("No schema " + name + " " + version));
    }
}
