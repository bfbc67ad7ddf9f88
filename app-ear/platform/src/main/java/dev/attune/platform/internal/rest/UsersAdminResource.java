package dev.attune.platform.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.platform.api.JsonBodies;
import dev.attune.platform.api.Roles;
import dev.attune.platform.internal.security.ConsoleUsers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Console users and their roles; ADMIN only. */
@Path("v1/admin/users")
@RequestScoped
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Admin: users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersAdminResource {

    @Inject
    ConsoleUsers users;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a console user",
            description = "Roles: ADMIN, ANALYST, AUDITOR. Passwords: 12 characters or more.")
    public Response create(InputStream body) {
        JsonObject json = body(body);
        Set<String> roles = new HashSet<>();
        JsonValue rawRoles = json.get("roles");
        if (rawRoles != null && rawRoles.getValueType() == JsonValue.ValueType.ARRAY) {
            rawRoles.asJsonArray().forEach(v -> roles.add(v instanceof JsonString s ? s.getString() : v.toString()));
        }
        String username = json.get("username") instanceof JsonString s ? s.getString() : null;
        char[] password =
                json.get("password") instanceof JsonString s ? s.getString().toCharArray() : null;
        users.create(username, password, roles);
        return Response.status(Response.Status.CREATED)
                .entity(JSON.createObjectBuilder()
                        .add("username", username)
                        .build()
                        .toString())
                .build();
    }

    @GET
    @Operation(summary = "List console users")
    public String list() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        users.list().forEach(u -> {
            JsonArrayBuilder roles = JSON.createArrayBuilder();
            u.roles().stream().sorted().forEach(roles::add);
            list.add(JSON.createObjectBuilder()
                    .add("username", u.username())
                    .add("roles", roles)
                    .add("disabled", u.disabled())
                    .add("mustChangePassword", u.mustChangePassword()));
        });
        return list.build().toString();
    }

    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a user's roles or disable them",
            description = "{\"roles\":[\"ANALYST\"],\"disabled\":false}. The last "
                    + "enabled ADMIN stays one; nobody disables themself. Audited with before and after.")
    public String update(@PathParam("username") String username, InputStream body) {
        JsonObject json = body(body);
        Set<String> roles = new HashSet<>();
        if (json.get("roles") instanceof JsonArray a) {
            a.forEach(v -> roles.add(v instanceof JsonString s ? s.getString() : v.toString()));
        }
        var u = users.update(username, roles, json.getBoolean("disabled", false));
        return JSON.createObjectBuilder()
                .add("username", u.username())
                .add("disabled", u.disabled())
                .build()
                .toString();
    }

    @POST
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set a temporary password",
            description = "{\"password\":\"…\"}: the user must change it at the next sign-in.")
    public Response resetPassword(@PathParam("username") String username, InputStream body) {
        JsonObject json = body(body);
        users.resetPassword(
                username,
                json.get("password") instanceof JsonString s ? s.getString().toCharArray() : null);
        return Response.noContent().build();
    }

    private static JsonObject body(InputStream body) {
        return JsonBodies.readObject(body, 64 * 1024);
    }
}
