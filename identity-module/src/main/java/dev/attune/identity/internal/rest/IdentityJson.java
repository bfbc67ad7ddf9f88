package dev.attune.identity.internal.rest;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.SiteService;
import dev.attune.feedback.api.SiteSummary;
import dev.attune.identity.api.Conflict;
import dev.attune.identity.api.IdentifierKind;
import dev.attune.identity.api.IdentifierRef;
import dev.attune.identity.api.Person;
import dev.attune.identity.api.PrivacyRequest;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.JsonBodies;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/** JSON in and out of the identity resources. */
final class IdentityJson {
    private IdentityJson() {}

    /** Bodies are read whole: a bound keeps one request from filling the heap. */
    static final int MAX_BYTES = 1024 * 1024;

    /** The body as a JSON object, or a problem on "(body)" (or on the key given twice). */
    static JsonObject read(InputStream body) {
        return JsonBodies.readObject(body, MAX_BYTES);
    }

    static String string(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }

    static SiteSummary secretKey(SiteService sites, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(
                    401, "Missing API key", "Send the site's secret key as 'Authorization: Bearer sk_...'");
        }
        return sites.authenticateSecretKey(authorization.substring(7).trim())
                .orElseThrow(() -> new ApiProblem(401, "Unknown API key", "The key is unknown or was revoked"));
    }

    static UUID uuid(String value, String field) {
        if (value == null || value.isBlank()) {
            throw InvalidInputException.of(field, "is required");
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "is not a UUID");
        }
    }

    /** The existing site named by a query parameter or body field. */
    static UUID site(SiteService sites, String value, String field) {
        UUID site = uuid(value, field);
        if (sites.findSite(site).isEmpty()) {
            throw InvalidInputException.of(field, "no such site");
        }
        return site;
    }

    /** {"kind": …, "value": …} under {@code field}, or null (the service names the missing field). */
    static IdentifierRef ref(JsonObject body, String field) {
        if (!(body.get(field) instanceof JsonObject o)) {
            if (body.containsKey(field) && body.get(field) != JsonValue.NULL) {
                throw InvalidInputException.of(field, "must be an object {\"kind\", \"value\"}");
            }
            return null;
        }
        String kind = string(o, "kind");
        IdentifierKind k = IdentifierKind.fromWire(kind)
                .orElseThrow(() -> InvalidInputException.of(
                        field + "/kind", "must be one of anonymous, device, user, email, phone, custom"));
        return new IdentifierRef(k, string(o, "value"));
    }

    static JsonObjectBuilder person(Person p) {
        JsonArrayBuilder subjects = JSON.createArrayBuilder();
        p.subjects().forEach(subjects::add);
        return JSON.createObjectBuilder()
                .add("id", p.id().toString())
                .add("siteId", p.siteId().toString())
                .add("identifiers", p.identifiers())
                .add("sharedDevice", p.sharedDevice())
                .add("createdAt", p.createdAt().toString())
                .add("updatedAt", p.updatedAt().toString())
                .add("subjects", subjects);
    }

    static JsonObjectBuilder conflict(Conflict c) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", c.id())
                .add("kind", c.kind())
                .add("source", c.source())
                .add("detail", c.detail())
                .add("createdAt", c.createdAt().toString());
        addNullable(o, "personId", c.personId());
        addNullable(o, "otherPerson", c.otherPerson());
        addNullable(o, "resolvedAt", c.resolvedAt());
        addNullable(o, "resolvedBy", c.resolvedBy());
        return o;
    }

    static JsonObjectBuilder request(PrivacyRequest r) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", r.id().toString())
                .add("siteId", r.siteId().toString())
                .add("personId", r.personId().toString())
                .add("kind", r.kind())
                .add("status", r.status())
                .add("requestedBy", r.requestedBy())
                .add("requestedAt", r.requestedAt().toString())
                .add("dueAt", r.dueAt().toString());
        addNullable(o, "finishedAt", r.finishedAt());
        addNullable(o, "error", r.error());
        if (r.receipt() != null) {
            o.add("receipt", JSON.createReader(new StringReader(r.receipt())).readObject());
        }
        return o;
    }

    static void addNullable(JsonObjectBuilder o, String field, Object value) {
        if (value == null) {
            o.addNull(field);
        } else {
            o.add(field, value instanceof Instant || value instanceof UUID ? value.toString() : String.valueOf(value));
        }
    }
}
