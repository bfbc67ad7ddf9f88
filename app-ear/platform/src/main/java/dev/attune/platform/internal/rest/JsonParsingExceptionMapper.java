package dev.attune.platform.internal.rest;

import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Problems;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * A body some code parsed without {@code JsonBodies} (or a JSON-P entity provider): still the client's malformed JSON,
 * so a 400 on "(body)", not the 500 the catch-all would give.
 */
@Provider
public class JsonParsingExceptionMapper implements ExceptionMapper<JsonParsingException> {
    @Override
    public Response toResponse(JsonParsingException e) {
        var at = e.getLocation();
        String message = "is not valid JSON"
                + (at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")");
        return Problems.response(
                400,
                Problems.type("invalid-input"),
                "Invalid request",
                "(body): " + message,
                List.of(new FieldError("(body)", message)));
    }
}
