package dev.attune.platform.api;

import java.util.List;

/**
 * Bad input from a caller. Rendered as RFC 9457 problem+json with one entry per bad field, so a client can
 * point at exactly what to fix.
 */
public class InvalidInputException extends RuntimeException {
    private final int status;
    private final String title;
    private final List<FieldError> errors;

    public InvalidInputException(int status, String title, List<FieldError> errors) {
        super(title + ": " + errors);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(400, "Invalid request", List.of(new FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One bad field: a JSON pointer-like path ("value", "events/3/itemId") and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
