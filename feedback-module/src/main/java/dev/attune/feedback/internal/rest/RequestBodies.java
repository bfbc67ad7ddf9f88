package dev.attune.feedback.internal.rest;

import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.JsonBodies;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.util.UUID;

/**
 * Reads a bounded JSON body through {@link JsonBodies} (strict UTF-8, bounded depth, no repeated keys), and the ids
 * requests carry in their paths and queries.
 */
final class RequestBodies {
    private RequestBodies() {}

    static JsonObject readObject(InputStream body, int maxBytes) {
        return readSized(body, maxBytes).json();
    }

    /** A JSON object and the size of the body it came from. */
    record Sized(JsonObject json, int bytes) {}

    static Sized readSized(InputStream body, int maxBytes) {
        byte[] bytes = JsonBodies.bytes(body, maxBytes);
        JsonObject object = JsonBodies.object(JsonBodies.parse(JsonBodies.utf8(bytes), "(body)"), "(body)");
        return new Sized(object, bytes.length);
    }

    /** A UUID the request names, or a 400 naming the field. */
    static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw InvalidInputException.of(field, "must be a UUID");
        }
    }
}
