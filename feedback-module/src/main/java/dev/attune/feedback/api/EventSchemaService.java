package dev.attune.feedback.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A site's own JSON Schemas (draft 2020-12) for custom events, versioned like Snowplow's Iglu ({@code 1-0-0}). A custom
 * event whose {@code properties.name} has registered schemas must validate against {@code properties.schemaVersion}
 * (or the latest version); its properties are checked without the reserved keys {@code name}, {@code schemaVersion}
 * and {@code _hp}.
 */
public interface EventSchemaService {

    record EventSchema(UUID siteId, String name, String version, String schemaJson, Instant createdAt) {}

    /** Registers a version; true when new, false when the same schema was registered before. A different schema
     * under an existing version is refused (409): versions never change. */
    boolean register(UUID siteId, String name, String version, String schemaJson);

    List<EventSchema> list(UUID siteId);

    Optional<EventSchema> find(UUID siteId, String name, String version);
}
