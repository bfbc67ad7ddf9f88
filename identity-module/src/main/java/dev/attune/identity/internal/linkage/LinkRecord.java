package dev.attune.identity.internal.linkage;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One record to link: an id and its field values. Values are normalised once here (trimmed, lower case, inner
 * whitespace collapsed) so that every comparison and blocking key sees the same text; blank values are dropped, so a
 * missing field and an empty one are the same thing.
 */
public record LinkRecord(String id, Map<String, String> fields) {
    public LinkRecord {
        Map<String, String> normalised = new HashMap<>();
        fields.forEach((field, value) -> {
            String clean = normalise(value);
            if (clean != null) {
                normalised.put(field, clean);
            }
        });
        fields = Collections.unmodifiableMap(normalised);
    }

    /** The normalised value of a field, or null when missing. */
    public String value(String field) {
        return fields.get(field);
    }

    private static String normalise(String value) {
        if (value == null) {
            return null;
        }
        String clean = value.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return clean.isEmpty() ? null : clean;
    }
}
