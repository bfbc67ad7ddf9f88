package dev.attune.admin.components;

import static dev.attune.platform.api.JsonSupport.JSON;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.Map;

/** JSON as the console shows it in text areas and detail panes. */
public final class JsonText {

    private JsonText() {}

    /** Indented JSON for reading (two spaces, one member per line). */
    public static String pretty(JsonValue v) {
        StringWriter writer = new StringWriter();
        JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true))
                .createWriter(writer)
                .write(v);
        return writer.toString().strip();
    }
}
