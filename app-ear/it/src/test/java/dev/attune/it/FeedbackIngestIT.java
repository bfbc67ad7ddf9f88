package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.it.Api.Reply;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first vertical slice over HTTP: a site's secret key stores a rating; bad input is named and stores nothing. */
@AttuneIT
class FeedbackIngestIT {

    private Api api;
    private String secretKey;
    private String siteId;

    @BeforeEach
    void site() {
        api = new Api(AttuneServerExtension.server().baseUrl());
        JsonObject site = api.createSite("Ingest " + UUID.randomUUID());
        secretKey = site.getString("secretKey");
        siteId = site.getString("id");
    }

    @Test
    void a_rating_posted_with_the_secret_key_is_stored_and_acknowledged_with_its_id() throws SQLException {
        String id = UUID.randomUUID().toString();
        Reply reply = api.postEvent(secretKey, """
                {"id":"%s","type":"rating","subjectId":"visitor-1","itemId":"movie-42","value":4,
                 "properties":{"page":"/movies/42"}}""".formatted(id));

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().asJsonObject().getString("id")).isEqualTo(id);
        assertThat(reply.json().asJsonObject().getString("status")).isEqualTo("accepted");
        assertThat(storedRow(id)).isEqualTo("rating|visitor-1|movie-42|4.0000|/movies/42");
    }

    @Test
    void a_retry_with_the_same_event_id_is_acknowledged_but_never_stored_twice() throws SQLException {
        String id = UUID.randomUUID().toString();
        String event = "{\"id\":\"" + id + "\",\"type\":\"rating\",\"subjectId\":\"v\",\"itemId\":\"i\",\"value\":5}";

        assertThat(api.postEvent(secretKey, event).status()).isEqualTo(202);
        Reply retry = api.postEvent(secretKey, event);

        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().asJsonObject().getString("status")).isEqualTo("duplicate");
        assertThat(countEvents()).isEqualTo(1);
    }

    @Test
    void malformed_json_is_a_problem_naming_the_body() throws SQLException {
        Reply reply = api.postEvent(secretKey, "{\"type\":");

        assertProblem(reply, 400, "(body)");
    }

    @Test
    void wrong_types_missing_fields_and_unknown_fields_are_each_named() throws SQLException {
        Reply reply = api.postEvent(secretKey, """
                {"type":"rating","itemId":42,"value":"five","colour":"red"}""");

        assertProblem(reply, 400, "colour", "subjectId", "itemId", "value");
    }

    @Test
    void out_of_range_values_and_times_far_in_the_future_are_refused() throws SQLException {
        String future = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        Reply reply = api.postEvent(secretKey, """
                {"type":"rating","subjectId":"v","itemId":"i","value":6,"occurredAt":"%s"}""".formatted(future));

        assertProblem(reply, 400, "value", "occurredAt");
    }

    @Test
    void an_unknown_type_lists_the_known_ones() throws SQLException {
        Reply reply = api.postEvent(secretKey, "{\"type\":\"stars\",\"subjectId\":\"v\"}");

        assertProblem(reply, 400, "type");
        assertThat(reply.body()).contains("rating").contains("nps");
    }

    @Test
    void an_oversize_event_is_refused_whole() throws SQLException {
        String text = "x".repeat(70 * 1024);
        Reply reply = api.postEvent(secretKey, "{\"type\":\"text\",\"subjectId\":\"v\",\"text\":\"" + text + "\"}");

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(countEvents()).isZero();
    }

    @Test
    void invalid_utf8_is_refused() throws SQLException {
        byte[] body =
                "{\"type\":\"text\",\"subjectId\":\"v\",\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertProblem(api.postEventBytes(secretKey, body), 400, "(body)");
    }

    @Test
    void an_unknown_or_missing_key_is_unauthorized() throws SQLException {
        String event = "{\"type\":\"rating\",\"subjectId\":\"v\",\"itemId\":\"i\",\"value\":5}";

        Reply unknown = api.postEvent("sk_" + "A".repeat(43), event);
        Reply publicKeyInstead = api.postEvent("pk_" + "A".repeat(32), event);

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(publicKeyInstead.status()).isEqualTo(401);
        assertThat(countEvents()).isZero();
    }

    @Test
    void a_batch_stores_its_valid_events_and_answers_per_event() throws SQLException {
        String good1 = UUID.randomUUID().toString();
        String good2 = UUID.randomUUID().toString();
        Reply reply = api.postEvent(secretKey, """
                {"events":[
                  {"id":"%s","type":"rating","subjectId":"v","itemId":"i1","value":5},
                  {"type":"rating","subjectId":"v","itemId":"i2","value":9},
                  {"id":"%s","type":"nps","subjectId":"v","value":10},
                  "not an object"]}""".formatted(good1, good2));

        assertThat(reply.status()).as(reply.body()).isEqualTo(207);
        JsonObject body = reply.json().asJsonObject();
        assertThat(body.getInt("accepted")).isEqualTo(2);
        assertThat(body.getInt("rejected")).isEqualTo(2);
        assertThat(body.getJsonArray("results").getJsonObject(0).getString("id"))
                .isEqualTo(good1);
        assertThat(body.getJsonArray("results").getJsonObject(1).getString("status"))
                .isEqualTo("rejected");
        assertThat(body.getJsonArray("results")
                        .getJsonObject(1)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("value");
        assertThat(countEvents()).isEqualTo(2);
    }

    @Test
    void an_oversize_event_in_a_batch_is_rejected_alone() throws SQLException {
        String small = "{\"type\":\"page_view\",\"subjectId\":\"v\",\"properties\":{\"note\":\"" + "y".repeat(40 * 1024)
                + "\"}}";
        String large = "{\"type\":\"text\",\"subjectId\":\"v\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}";
        Reply reply = api.postEvent(secretKey, "{\"events\":[" + small + "," + large + "]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(207);
        JsonObject rejected =
                reply.json().asJsonObject().getJsonArray("results").getJsonObject(1);
        assertThat(rejected.getString("status")).isEqualTo("rejected");
        assertThat(rejected.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("(event)");
        assertThat(countEvents()).isEqualTo(1);
    }

    @Test
    void a_retried_batch_is_all_duplicates_and_stores_nothing_new() throws SQLException {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"type\":\"rating\",\"subjectId\":\"v")
                    .append(i % 7)
                    .append("\",\"itemId\":\"item-")
                    .append(i % 13)
                    .append("\",\"value\":")
                    .append(1 + i % 5)
                    .append('}');
        }
        String batch = "{\"events\":[" + events + "]}";

        Reply first = api.postEvent(secretKey, batch);
        Reply retry = api.postEvent(secretKey, batch);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().asJsonObject().getInt("accepted")).isEqualTo(300);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().asJsonObject().getInt("duplicates")).isEqualTo(300);
        assertThat(countEvents()).isEqualTo(300);
    }

    @Test
    void a_batch_with_only_invalid_events_is_a_problem_naming_each_field() throws SQLException {
        Reply reply = api.postEvent(secretKey, """
                {"events":[{"type":"rating","subjectId":"v","itemId":"i","value":0},{"type":"nps","value":3}]}""");

        assertProblem(reply, 400, "events/0/value", "events/1/subjectId");
    }

    @Test
    void batches_over_500_events_or_1_mb_are_refused_whole() throws SQLException {
        String event = "{\"type\":\"nps\",\"subjectId\":\"v\",\"value\":3}";
        Reply tooMany = api.postEvent(secretKey, "{\"events\":[" + (event + ",").repeat(500) + event + "]}");
        String big = "{\"type\":\"text\",\"subjectId\":\"v\",\"text\":\"" + "x".repeat(4_000) + "\"}";
        Reply tooBig = api.postEvent(secretKey, "{\"events\":[" + (big + ",").repeat(299) + big + "]}");

        assertProblem(tooMany, 400, "events");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(countEvents()).isZero();
    }

    @Test
    void an_accepted_rating_reaches_the_personalization_module() {
        String item = "relay-" + UUID.randomUUID();
        assertThat(api.postEvent(secretKey, """
                {"type":"rating","subjectId":"v","itemId":"%s","value":3}""".formatted(item)).status()).isEqualTo(202);

        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(ratingsOf(item)).isEqualTo(1));
    }

    @Test
    void implicit_signals_are_stored_with_their_context() throws SQLException {
        Reply reply = api.postEvent(secretKey, """
                {"events":[
                  {"type":"page_view","subjectId":"v9","context":{"url":"https://shop.example.com/p/7","locale":"fr-FR",
                   "timeZone":"Europe/Paris","userAgent":"Mozilla/5.0 (X11; Linux x86_64)","sessionId":"sess-1"}},
                  {"type":"dwell","subjectId":"v9","value":42,"context":{"sessionId":"sess-1"}},
                  {"type":"purchase","subjectId":"v9","itemId":"p7","value":1299.95}]}""");

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(countEvents()).isEqualTo(3);
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT context->>'timeZone', (SELECT value FROM feedback.event WHERE site_id = ?::uuid AND type = 'purchase')
                     FROM feedback.event WHERE site_id = ?::uuid AND type = 'page_view'""")) {
            ps.setString(1, siteId);
            ps.setString(2, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Europe/Paris");
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("1299.95");
            }
        }
    }

    @Test
    void the_feedback_endpoint_refuses_signals() throws SQLException {
        assertProblem(api.postFeedback(secretKey, "{\"type\":\"page_view\",\"subjectId\":\"v\"}"), 400, "type");
    }

    @Test
    void the_feedback_endpoint_takes_one_explicit_answer() throws SQLException {
        Reply reply = api.postFeedback(secretKey, "{\"type\":\"csat\",\"subjectId\":\"v\",\"value\":4}");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(countEvents()).isEqualTo(1);
    }

    private long ratingsOf(String item) throws SQLException {
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT coalesce(sum(ratings), 0) FROM personalization.item_rating_stats WHERE item_id = ?")) {
            ps.setString(1, item);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void assertProblem(Reply reply, int status, String... fields) throws SQLException {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.problemFields()).containsExactlyInAnyOrder(fields);
        assertThat(countEvents()).as("nothing is half-written").isZero();
    }

    private long countEvents() throws SQLException {
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String storedRow(String eventId) throws SQLException {
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT type || '|' || subject_id || '|' || item_id || '|' || value || '|' || (properties->>'page')
                     FROM feedback.event WHERE site_id = ?::uuid AND event_id = ?::uuid""")) {
            ps.setString(1, siteId);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
