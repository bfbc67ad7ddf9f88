package dev.attune.platform.internal.rest;

import dev.attune.platform.api.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Framework errors (404, 405, 415, ...) as problem+json instead of the container's HTML page. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        Response problem = Problems.response(
                original.getStatus(),
                "about:blank",
                original.getStatusInfo().getReasonPhrase(),
                e.getMessage(),
                List.of());
        Response.ResponseBuilder copy = Response.fromResponse(problem);
        original.getHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name) && !"Content-Length".equalsIgnoreCase(name)) {
                values.forEach(v -> copy.header(name, v));
            }
        });
        return copy.build();
    }
}
