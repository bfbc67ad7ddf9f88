package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.attune.it.Api.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks against a real receiver on this machine: signed deliveries of the subscribed types only, retries with
 * backoff into a dead letter, and a replay that delivers it.
 */
@AttuneIT
class WebhooksIT {
    private static final String ADMIN = TestServer.ADMIN_USER;
    private static final String PASSWORD = TestServer.ADMIN_PASSWORD;

    private record Received(String path, String signature, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failUntil = new AtomicInteger();
    private HttpServer receiver;
    private Api api;
    private String siteId;
    private String secretKey;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Attune-Signature"),
                    body));
            int status = exchange.getRequestURI().getPath().startsWith("/flaky") && failUntil.get() > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        api = new Api(AttuneServerExtension.server().baseUrl());
        JsonObject site = api.createSite("Webhooks " + UUID.randomUUID(), "implied");
        siteId = site.getString("id");
        secretKey = site.getString("secretKey");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void subscribed_events_are_delivered_signed_and_others_are_not() throws Exception {
        Reply created = api.adminPost(
                ADMIN,
                PASSWORD,
                "/api/v1/admin/webhooks",
                "{\"siteId\":\"" + siteId + "\",\"url\":\"" + url("/hook") + "\",\"eventTypes\":[\"rating\"]}");
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().asJsonObject().getString("signingSecret");
        assertThat(secret).startsWith("whsec_");

        String rating = UUID.randomUUID().toString();
        api.postEvent(
                secretKey,
                "{\"id\":\"" + rating + "\",\"type\":\"rating\",\"subjectId\":\"wes\",\"itemId\":\"tea\",\"value\":4}");
        api.postEvent(secretKey, "{\"type\":\"page_view\",\"subjectId\":\"wes\"}");

        await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
        Thread.sleep(1500); // a page view would have arrived by now
        assertThat(received).hasSize(1);
        Received hook = received.get(0);
        JsonObject payload = Json.createReader(new StringReader(hook.body())).readObject();
        assertThat(payload.getJsonObject("event").getString("id")).isEqualTo(rating);
        assertThat(payload.getJsonObject("event").getInt("value")).isEqualTo(4);
        String t = hook.signature().replaceAll("^t=(\\d+),v1=.*$", "$1");
        String v1 = hook.signature().replaceAll("^t=\\d+,v1=([0-9a-f]{64})$", "$1");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(HexFormat.of().formatHex(mac.doFinal((t + "." + hook.body()).getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(v1);
    }

    @Test
    void a_failing_endpoint_is_retried_into_a_dead_letter_and_a_replay_delivers_it() {
        failUntil.set(1);
        String webhookId = api.adminPost(
                        ADMIN,
                        PASSWORD,
                        "/api/v1/admin/webhooks",
                        "{\"siteId\":\"" + siteId + "\",\"url\":\"" + url("/flaky") + "\"}")
                .json()
                .asJsonObject()
                .getString("id");
        api.postEvent(secretKey, "{\"type\":\"nps\",\"subjectId\":\"fay\",\"value\":2}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonObject dead = api.adminGet(
                            ADMIN, PASSWORD, "/api/v1/admin/webhooks/" + webhookId + "/deliveries?status=dead")
                    .json()
                    .asJsonObject();
            assertThat(dead.getInt("total")).isEqualTo(1);
            assertThat(dead.getJsonArray("deliveries").getJsonObject(0).getInt("attempts"))
                    .isEqualTo(3);
            assertThat(dead.getJsonArray("deliveries").getJsonObject(0).getInt("lastStatusCode"))
                    .isEqualTo(500);
        });
        assertThat(received).hasSize(3);

        failUntil.set(0);
        long delivery = api.adminGet(ADMIN, PASSWORD, "/api/v1/admin/webhooks/" + webhookId + "/deliveries")
                .json()
                .asJsonObject()
                .getJsonArray("deliveries")
                .getJsonObject(0)
                .getJsonNumber("id")
                .longValue();
        assertThat(api.adminPost(ADMIN, PASSWORD, "/api/v1/admin/webhooks/deliveries/" + delivery + "/replay", "{}")
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(api.adminGet(
                                        ADMIN,
                                        PASSWORD,
                                        "/api/v1/admin/webhooks/" + webhookId + "/deliveries?status=delivered")
                                .json()
                                .asJsonObject()
                                .getInt("total"))
                        .isEqualTo(1));
        assertThat(received).hasSize(4);
    }

    @Test
    void a_bad_subscription_names_each_field() {
        Reply reply = api.adminPost(
                ADMIN,
                PASSWORD,
                "/api/v1/admin/webhooks",
                "{\"siteId\":\"" + siteId
                        + "\",\"url\":\"ftp://files.example.com/in\",\"eventTypes\":[\"rating\",\"telepathy\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemFields()).containsExactlyInAnyOrder("url", "eventTypes/1");
    }

    @Test
    void a_webhook_into_the_servers_own_networks_is_refused() {
        for (String url : new String[] {
            "https://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "http://10.0.0.8/internal-admin",
            "https://[fd00:ec2::254]/",
            "http://93.184.216.34/plain-http"
        }) {
            Reply reply = api.adminPost(
                    ADMIN,
                    PASSWORD,
                    "/api/v1/admin/webhooks",
                    "{\"siteId\":\"" + siteId + "\",\"url\":\"" + url + "\",\"eventTypes\":[\"rating\"]}");

            assertThat(reply.status()).as(url).isEqualTo(400);
            assertThat(reply.problemFields()).as(url).containsExactly("url");
        }
        assertThat(api.adminGet(ADMIN, PASSWORD, "/api/v1/admin/webhooks?site=" + siteId)
                        .body())
                .doesNotContain("169.254", "10.0.0.8", "fd00", "93.184");
    }
}
