package dev.attune.platform.internal.rest;

import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class InvalidInputExceptionMapper implements ExceptionMapper<InvalidInputException> {
    @Override
    public Response toResponse(InvalidInputException e) {
        String detail = e.errors().size() == 1
                ? e.errors().get(0).field() + ": " + e.errors().get(0).message()
                : e.errors().size() + " fields are invalid";
        return Problems.response(e.status(), Problems.type("invalid-input"), e.title(), detail, e.errors());
    }
}
