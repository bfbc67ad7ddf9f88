package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The widget's socket: public key plus an allowed Origin; acknowledgements only after commit; retries stay single. */
@AttuneIT
class CollectSocketIT {
    private static final String ORIGIN = "https://shop.example.com";

    private String publicKey;
    private String secretKey;
    private String siteId;

    @BeforeEach
    void site() {
        JsonObject site = new Api(AttuneServerExtension.server().baseUrl()).createSite("Socket " + UUID.randomUUID());
        publicKey = site.getString("publicKey");
        secretKey = site.getString("secretKey");
        siteId = site.getString("id");
    }

    @Test
    void events_are_acknowledged_after_commit_and_a_resend_is_a_duplicate() throws Exception {
        Client client = connect(publicKey, ORIGIN);
        assertThat(client.next().getString("type")).isEqualTo("ready");
        String id = UUID.randomUUID().toString();
        String message = """
                {"type":"events","ref":"m1","events":[
                  {"id":"%s","type":"rating","subjectId":"anon-1","itemId":"movie-1","value":5},
                  {"type":"rating","subjectId":"anon-1","itemId":"movie-2","value":0}]}""".formatted(id);

        client.send(message);
        JsonObject ack = client.next();
        client.send(message);
        JsonObject again = client.next();

        assertThat(ack.getString("type")).isEqualTo("ack");
        assertThat(ack.getString("ref")).isEqualTo("m1");
        assertThat(ack.getJsonArray("results").getJsonObject(0).getString("status"))
                .isEqualTo("accepted");
        assertThat(ack.getJsonArray("results").getJsonObject(1).getString("status"))
                .isEqualTo("rejected");
        assertThat(ack.getJsonArray("results")
                        .getJsonObject(1)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("value");
        assertThat(again.getJsonArray("results").getJsonObject(0).getString("status"))
                .isEqualTo("duplicate");
        assertThat(stored(id)).isEqualTo(1);
        client.close();
    }

    @Test
    void identify_links_the_visitor_to_the_user_in_the_identity_graph() throws Exception {
        Client client = connect(publicKey, ORIGIN);
        client.next();
        String visitor = "anon-" + UUID.randomUUID();
        client.send("""
                {"type":"consent","ref":"c1","subjectId":"%s","purposes":{"analytics":true,"personalization":true}}""".formatted(visitor));
        client.next();
        // the site's server signs the user id with the site's verification secret; the page passes the hash
        String secret = new Api(AttuneServerExtension.server().baseUrl())
                .adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/identity/verification?site=" + siteId)
                .json()
                .asJsonObject()
                .getString("secret");
        String userHash = VisitorTakeoverIT.hmac(secret, "shopper-7");
        client.send("""
                {"type":"identify","ref":"i1","subjectId":"%s","userId":"shopper-7","userHash":"%s","traits":{"email":"Shopper7@Example.org","plan":"gold"}}""".formatted(visitor, userHash));
        JsonObject identified = client.next();
        client.send("""
                {"type":"identify","ref":"i2","subjectId":"%s","userId":"shopper-7","userHash":"%s","traits":{"email":"not an email"}}""".formatted(visitor, userHash));
        JsonObject refused = client.next();
        client.close();

        assertThat(identified.getString("type")).isEqualTo("identified");
        assertThat(identified.getBoolean("stored")).isTrue();
        assertThat(refused.getString("type")).isEqualTo("error");
        assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("traits/email");
        Api api = new Api(AttuneServerExtension.server().baseUrl());
        JsonObject person = api.adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/identity/lookup?site=" + siteId + "&kind=email&value=shopper7@example.org")
                .json()
                .asJsonObject();
        assertThat(person.getInt("identifiers")).isEqualTo(3);
        assertThat(person.getJsonArray("subjects").getString(0)).isEqualTo(visitor);
    }

    @Test
    void global_privacy_control_withdraws_personalization_and_marketing_for_the_subject() throws Exception {
        Client client = connect(publicKey, ORIGIN, "Sec-GPC", "1");
        client.next();

        client.send("""
                {"type":"events","events":[{"type":"rating","subjectId":"gpc-visitor","itemId":"m","value":4}]}""");
        JsonObject ack = client.next();
        client.send("""
                {"type":"consent","ref":"c1","subjectId":"gpc-visitor","purposes":{"personalization":true,"analytics":true}}""");
        JsonObject consent = client.next();
        client.close();

        assertThat(ack.getJsonArray("results").getJsonObject(0).getString("status"))
                .isEqualTo("accepted");
        assertThat(consent.getJsonObject("state").getJsonObject("purposes").getBoolean("analytics"))
                .isTrue();
        assertThat(consent.getJsonObject("state").getJsonObject("purposes").getBoolean("personalization"))
                .isFalse();
        JsonObject ledger = new Api(AttuneServerExtension.server().baseUrl())
                .getConsent(secretKey, "gpc-visitor")
                .json()
                .asJsonObject();
        assertThat(ledger.getJsonObject("purposes").getBoolean("marketing")).isFalse();
        assertThat(ledger.getJsonArray("history").getJsonObject(0).getString("source"))
                .isEqualTo("gpc");
    }

    @Test
    void a_foreign_origin_is_refused_with_a_policy_violation() throws Exception {
        Client client = connect(publicKey, "https://evil.example.net");

        assertThat(client.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void an_unknown_key_is_refused_with_a_policy_violation() throws Exception {
        Client client = connect("pk_" + "x".repeat(32), ORIGIN);

        assertThat(client.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    @Test
    void a_malformed_message_is_answered_with_an_error_and_the_socket_stays_open() throws Exception {
        Client client = connect(publicKey, ORIGIN);
        client.next();

        client.send("{\"type\":\"events\",\"events\":\"nope\"}");
        JsonObject error = client.next();
        client.send("{\"type\":\"ping\",\"ref\":\"p\"}");

        assertThat(error.getString("type")).isEqualTo("error");
        assertThat(error.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("events");
        assertThat(client.next().getString("type")).isEqualTo("pong");
        client.close();
    }

    private long stored(String eventId) throws SQLException {
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND event_id = ?::uuid")) {
            ps.setString(1, siteId);
            ps.setString(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Client connect(String key, String origin, String... headers) throws Exception {
        Client client = new Client();
        URI uri = URI.create(
                AttuneServerExtension.server().baseUrl().replace("http://", "ws://") + "/ws/v1/collect?key=" + key);
        WebSocket.Builder builder =
                HttpClient.newHttpClient().newWebSocketBuilder().header("Origin", origin);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = builder.connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client)
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    /** Collects whole text messages and the close code. */
    static final class Client implements WebSocket.Listener {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        void send(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        JsonObject next() throws InterruptedException {
            String text = messages.poll(15, TimeUnit.SECONDS);
            assertThat(text).as("a message from the server").isNotNull();
            return Json.createReader(new StringReader(text)).readObject();
        }

        /** The next message within the time, or null. */
        JsonObject poll(Duration within) throws InterruptedException {
            String text = messages.poll(Math.max(1, within.toMillis()), TimeUnit.MILLISECONDS);
            return text == null
                    ? null
                    : Json.createReader(new StringReader(text)).readObject();
        }

        CompletableFuture<Integer> closed() {
            return closed;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }
}
