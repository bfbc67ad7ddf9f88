package dev.attune.platform.internal.rest;

import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;

@Provider
public class ApiProblemMapper implements ExceptionMapper<ApiProblem> {
    @Override
    public Response toResponse(ApiProblem e) {
        String slug = e.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return Problems.response(e.status(), Problems.type(slug), e.title(), e.getMessage(), List.of());
    }
}
