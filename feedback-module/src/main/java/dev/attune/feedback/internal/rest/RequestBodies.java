package dev.attune.feedback.internal.rest;

import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.InvalidInputException;
import jakarta.json.Json;
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

/** Reads a bounded, strictly UTF-8 JSON body, turning every way it can be broken into a named problem. */
final class RequestBodies {
    private RequestBodies() {
    }

    static JsonObject readObject(InputStream body, int maxBytes) {
        JsonStructure json = read(body, maxBytes);
        if (!(json instanceof JsonObject object)) {
            throw InvalidInputException.of("(body)", "must be a JSON object");
        }
        return object;
    }

    private static JsonStructure read(InputStream body, int maxBytes) {
        byte[] bytes;
        try {
            bytes = body == null ? new byte[0] : body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new ApiProblem(400, "Unreadable body", "The request body could not be read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw new ApiProblem(413, "Payload too large", "The body is larger than " + maxBytes + " bytes");
        }
        if (bytes.length == 0) {
            throw InvalidInputException.of("(body)", "is empty; send a JSON object");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw InvalidInputException.of("(body)", "is not valid UTF-8");
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.read();
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw InvalidInputException.of("(body)", "is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")"));
        } catch (jakarta.json.JsonException e) {
            throw InvalidInputException.of("(body)", "is not valid JSON: " + e.getMessage());
        }
    }
}
