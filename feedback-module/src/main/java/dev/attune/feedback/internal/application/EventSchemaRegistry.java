package dev.attune.feedback.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.attune.feedback.api.EventSchemaService;
import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.internal.persistence.JdbcEventSchemas;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Sites' JSON Schemas for custom events, checked with the networknt validator (draft 2020-12): a schema must itself be
 * valid against the meta-schema and refer only inside itself (no remote $ref: the server never fetches URLs on a
 * site's behalf). Compiled schemas are kept per site for a short time.
 */
@ApplicationScoped
public class EventSchemaRegistry implements EventSchemaService {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    static final Pattern VERSION = Pattern.compile("[0-9]{1,4}-[0-9]{1,4}-[0-9]{1,4}");
    static final Set<String> RESERVED = Set.of("name", "schemaVersion", "_hp");
    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Inject
    JdbcEventSchemas schemas;

    @Inject
    AuditLog audit;

    private record Compiled(String version, JsonSchema schema) {}

    private final Cache<UUID, Map<String, List<Compiled>>> bySite = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();
    private volatile JsonSchema metaSchema;

    @Override
    @Transactional
    public boolean register(UUID siteId, String name, String version, String schemaJson) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.add(new FieldError(
                    "name", "must be lower case letters, digits and _, starting with a letter (at most 64)"));
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            errors.add(new FieldError("version", "must be MODEL-REVISION-ADDITION, e.g. 1-0-0"));
        }
        errors.addAll(schemaProblems(schemaJson));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid schema", errors);
        }
        String canonical =
                JSON.createReader(new StringReader(schemaJson)).read().toString();
        boolean created = schemas.insert(siteId, name, version, canonical, null);
        if (!created) {
            String existing =
                    find(siteId, name, version).map(EventSchema::schemaJson).orElse("");
            if (!existing.equals(canonical)) {
                throw new ApiProblem(
                        409,
                        "Version exists",
                        "Schema " + name + " " + version
                                + " is registered with different content; register a new version instead");
            }
            return false;
        }
        audit.record(
                "schema.register",
                siteId + "/" + name + "/" + version,
                AuditOutcome.SUCCESS,
                Map.of("bytes", canonical.length()));
        bySite.invalidate(siteId);
        return true;
    }

    @Override
    public List<EventSchema> list(UUID siteId) {
        return schemas.forSite(siteId);
    }

    @Override
    public Optional<EventSchema> find(UUID siteId, String name, String version) {
        return schemas.forSite(siteId).stream()
                .filter(s -> s.name().equals(name) && s.version().equals(version))
                .findFirst();
    }

    /**
     * The problems of a custom event against its site's schema, field by field ({@code properties/...}); none when the
     * event is not custom or its name has no registered schema.
     */
    public List<FieldError> violations(UUID siteId, NewFeedbackEvent event) {
        if (event.type() != EventType.CUSTOM || event.propertiesJson() == null) {
            return List.of();
        }
        Map<String, List<Compiled>> site = bySite.get(siteId, this::compile);
        if (site.isEmpty()) {
            return List.of();
        }
        JsonObject properties =
                JSON.createReader(new StringReader(event.propertiesJson())).readObject();
        String name = properties.get("name") instanceof JsonString s ? s.getString() : null;
        List<Compiled> versions = name == null ? null : site.get(name);
        if (versions == null) {
            return List.of();
        }
        Compiled chosen;
        if (properties.get("schemaVersion") instanceof JsonString v) {
            chosen = versions.stream()
                    .filter(c -> c.version().equals(v.getString()))
                    .findFirst()
                    .orElse(null);
            if (chosen == null) {
                return List.of(new FieldError(
                        "properties/schemaVersion", "schema " + name + " has no version " + v.getString()));
            }
        } else {
            chosen = versions.get(versions.size() - 1);
        }
        JsonObjectBuilder data = JSON.createObjectBuilder();
        properties.forEach((k, v) -> {
            if (!RESERVED.contains(k)) {
                data.add(k, v);
            }
        });
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage m : chosen.schema().validate(data.build().toString(), InputFormat.JSON)) {
            errors.add(new FieldError(field(m), m.getError() + " (schema " + name + " " + chosen.version() + ")"));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    /** Refuses (400, field by field) a custom event its site's schema does not accept. */
    public void check(UUID siteId, NewFeedbackEvent event) {
        List<FieldError> errors = violations(siteId, event);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid event", errors);
        }
    }

    /** "$.address.zip" or "$.tags[2]" → "properties/address/zip", "properties/tags/2". */
    static String field(ValidationMessage m) {
        String path =
                m.getInstanceLocation() == null ? "$" : m.getInstanceLocation().toString();
        String rest =
                path.replaceFirst("^\\$", "").replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        if (m.getProperty() != null && "required".equals(m.getType())) {
            rest = rest + "/" + m.getProperty();
        }
        return "properties" + rest;
    }

    private Map<String, List<Compiled>> compile(UUID siteId) {
        Map<String, List<Compiled>> compiled = new HashMap<>();
        for (EventSchema s : schemas.forSite(siteId)) {
            compiled.computeIfAbsent(s.name(), k -> new ArrayList<>())
                    .add(new Compiled(s.version(), FACTORY.getSchema(s.schemaJson())));
        }
        compiled.values().forEach(list -> list.sort(Comparator.comparing(c -> versionKey(c.version()))));
        return compiled;
    }

    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("-")) {
            key.append(String.format("%05d", Integer.parseInt(part)));
        }
        return key.toString();
    }

    /** Not JSON, not a JSON Schema, or a reference outside the schema. */
    List<FieldError> schemaProblems(String schemaJson) {
        JsonStructure parsed;
        try {
            parsed = schemaJson == null
                    ? null
                    : JSON.createReader(new StringReader(schemaJson)).read();
        } catch (RuntimeException e) {
            return List.of(new FieldError("(body)", "is not JSON"));
        }
        if (!(parsed instanceof JsonObject root)) {
            return List.of(new FieldError("(body)", "must be a JSON Schema object"));
        }
        List<FieldError> errors = new ArrayList<>();
        if (root.containsKey("$schema")
                && !(root.get("$schema") instanceof JsonString s
                        && s.getString().equals(DRAFT_2020_12))) {
            errors.add(new FieldError("$schema", "must be " + DRAFT_2020_12 + " (or left out)"));
        }
        externalReferences(root, "", errors);
        if (metaSchema == null) {
            metaSchema = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012));
        }
        for (ValidationMessage m : metaSchema.validate(schemaJson, InputFormat.JSON)) {
            String at = m.getInstanceLocation() == null
                    ? ""
                    : m.getInstanceLocation().toString().replaceFirst("^\\$\\.?", "");
            errors.add(new FieldError(at.isEmpty() ? "(body)" : at.replace('.', '/'), m.getError()));
        }
        return errors;
    }

    private static void externalReferences(JsonValue value, String at, List<FieldError> errors) {
        if (value instanceof JsonObject o) {
            o.forEach((k, v) -> {
                if (("$ref".equals(k) || "$dynamicRef".equals(k))
                        && !(v instanceof JsonString s && s.getString().startsWith("#"))) {
                    errors.add(new FieldError(at + "/" + k, "may only refer inside the schema (#...)"));
                }
                externalReferences(v, at + "/" + k, errors);
            });
        } else if (value instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                externalReferences(a.get(i), at + "/" + i, errors);
            }
        }
    }
}
