package dev.attune.platform.api;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** RFC 9457 problem details: the one way every module and the platform write an error answer. */
public final class Problems {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    /** A plain problem without field errors. */
    public static Response response(int status, String title, String detail) {
        return response(status, "about:blank", title, detail, List.of());
    }

    public static Response response(int status, String type, String title, String detail, List<FieldError> errors) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(json(status, type, title, detail, errors))
                .build();
    }

    /** The body alone, for writers outside JAX-RS (the authentication mechanism). */
    public static String json(int status, String type, String title, String detail, List<FieldError> errors) {
        JsonObjectBuilder body =
                JSON.createObjectBuilder().add("type", type).add("title", title).add("status", status);
        if (detail != null) {
            body.add("detail", detail);
        }
        if (errors != null && !errors.isEmpty()) {
            JsonArrayBuilder list = JSON.createArrayBuilder();
            errors.forEach(e ->
                    list.add(JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            body.add("errors", list);
        }
        return body.build().toString();
    }

    public static String type(String slug) {
        return "https://attune.dev/problems/" + slug;
    }
}
