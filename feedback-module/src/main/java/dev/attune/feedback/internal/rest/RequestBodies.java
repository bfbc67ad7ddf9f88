package dev.attune.feedback.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.InvalidInputException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads a bounded, strictly UTF-8 JSON body, turning every way it can be broken into a named problem; and the ids
 * requests carry in their paths and queries.
 */
final class RequestBodies {
    private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

    private RequestBodies() {}

    static JsonObject readObject(InputStream body, int maxBytes) {
        return readSized(body, maxBytes).json();
    }

    /** A JSON object and the size of the body it came from. */
    record Sized(JsonObject json, int bytes) {}

    static Sized readSized(InputStream body, int maxBytes) {
        byte[] bytes = bytes(body, maxBytes);
        JsonStructure json = parse(bytes);
        if (!(json instanceof JsonObject object)) {
            throw InvalidInputException.of("(body)", "must be a JSON object");
        }
        return new Sized(object, bytes.length);
    }

    private static byte[] bytes(InputStream body, int maxBytes) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ApiProblem(400, "Unreadable body", "The request body could not be read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            discardRest(body);
            throw new ApiProblem(413, "Payload too large", "The body is larger than " + maxBytes + " bytes");
        }
        if (bytes.length == 0) {
            throw InvalidInputException.of("(body)", "is empty; send a JSON object");
        }
        return bytes;
    }

    /**
     * Reads what the client is still sending (up to a bound) so that it receives the 413 instead of a reset
     * connection; beyond the bound the connection is simply dropped.
     */
    private static void discardRest(InputStream body) {
        try {
            long left = DRAIN_LIMIT;
            byte[] sink = new byte[64 * 1024];
            int n;
            while (left > 0 && (n = body.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client gave up; nothing to answer
        }
    }

    private static JsonStructure parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of("(body)", "is not valid UTF-8");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.read();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw InvalidInputException.of(
                    "(body)",
                    "is not valid JSON"
                            + (at == null
                                    ? ""
                                    : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")"));
        } catch (JsonException e) {
            throw InvalidInputException.of("(body)", "is not valid JSON: " + e.getMessage());
        }
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
