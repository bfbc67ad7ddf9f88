package dev.attune.launcher.demo;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Builds the simulated visitors' events as a site's server would send them (with the visitor's user agent, language,
 * time zone, page and session in the context) and sends them in batches to {@code POST /api/v1/events}. Event ids
 * are derived from a name, so sending the same simulation again stores nothing twice.
 */
final class DemoEvents {
    private static final String[] REFERRERS = {
        null,
        null,
        "https://www.google.com/search?q=outdoor",
        "https://duckduckgo.com/",
        "https://www.instagram.com/",
        "https://news.example.com/weekly",
        "https://www.reddit.com/r/hiking/"
    };

    private final DemoApi api;
    private final List<JsonObject> pending = new ArrayList<>();
    private int sent;
    private int accepted;
    private int duplicates;
    private int refused;
    private int anonymized;

    DemoEvents(DemoApi api) {
        this.api = api;
    }

    /** One event; {@code at} null means now (as the server receives it), {@code item}, {@code value}, {@code text} optional. */
    static JsonObject event(
            String idName,
            String type,
            DemoVisitor visitor,
            Instant at,
            String session,
            String path,
            DemoShop.Item item,
            Number value,
            String text,
            int referrer) {
        JsonObjectBuilder context = Json.createObjectBuilder()
                .add("userAgent", visitor.device().userAgent())
                .add("locale", visitor.place().locale())
                .add("timeZone", visitor.place().timeZone())
                .add("sessionId", session);
        if (path != null) {
            context.add("url", "http://127.0.0.1" + path);
        }
        String from = REFERRERS[Math.floorMod(referrer, REFERRERS.length)];
        if (from != null && "page_view".equals(type) && "/demo/".equals(path)) {
            context.add("referrer", from);
        }
        JsonObjectBuilder e = Json.createObjectBuilder()
                .add(
                        "id",
                        UUID.nameUUIDFromBytes(("attune-demo-v3|" + idName).getBytes(StandardCharsets.UTF_8))
                                .toString())
                .add("type", type)
                .add("subjectId", visitor.subjectId())
                .add("context", context);
        if (at != null) {
            e.add("occurredAt", at.toString());
        }
        if (item != null) {
            e.add("itemId", item.id());
            JsonArrayBuilder categories = Json.createArrayBuilder();
            item.categories().forEach(categories::add);
            e.add(
                    "properties",
                    Json.createObjectBuilder().add("title", item.title()).add("genres", categories));
        }
        if (value instanceof Double d) {
            e.add("value", d);
        } else if (value != null) {
            e.add("value", value.intValue());
        }
        if (text != null) {
            e.add("text", text);
        }
        return e.build();
    }

    void add(JsonObject event) {
        pending.add(event);
        if (pending.size() >= 500) {
            flush();
        }
    }

    /**
     * Sends what is pending in one batch and counts the answers: accepted (stored now), anonymized (counted without
     * anything about the visitor, who declined analytics), duplicates (stored before: a replay) and refused (a 207: reported, not fatal, since the demo should
     * come up even if one simulated event is off; the demo's IT holds it at zero).
     */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        JsonArrayBuilder batch = Json.createArrayBuilder();
        pending.forEach(batch::add);
        var reply = api.sitePost(
                "/api/v1/events",
                Json.createObjectBuilder().add("events", batch).build().toString());
        if (reply.status() == 207) {
            System.out.println("  Some demo events were refused: "
                    + reply.body().substring(0, Math.min(300, reply.body().length())));
        } else {
            reply.expect("Sending demo events", 202);
        }
        for (JsonObject result : reply.json().getJsonArray("results").getValuesAs(JsonObject.class)) {
            switch (result.getString("status", "")) {
                case "duplicate" -> duplicates++;
                case "rejected" -> refused++;
                case "anonymized" -> anonymized++;
                default -> accepted++;
            }
        }
        sent += pending.size();
        pending.clear();
    }

    int sent() {
        return sent;
    }

    int accepted() {
        return accepted;
    }

    int duplicates() {
        return duplicates;
    }

    int refused() {
        return refused;
    }

    int anonymized() {
        return anonymized;
    }
}
