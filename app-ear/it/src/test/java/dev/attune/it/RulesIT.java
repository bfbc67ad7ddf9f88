package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rules through the real APIs and a real widget socket: bad rules refused field by field, a detractor's message shown
 * once (the cap) with the lower-priority message taking its turn, a webhook called, a slot filled by the rule's strategy,
 * a dry run showing who would be affected, and the hit counts.
 */
@AttuneIT
class RulesIT {
    private static final String ORIGIN = "https://shop.example.com";

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());
    private final List<String> hooks = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private Api.Reply post(String path, String json) {
        return api.adminPost(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path, json);
    }

    private JsonObject get(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path)
                .json()
                .asJsonObject();
    }

    private JsonObject awaitGet(String path, Predicate<JsonObject> done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(path);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not reached in time: " + path + " last " + last);
    }

    /** The next message of this type on the socket (others skipped), or null within the time. */
    private static JsonObject next(CollectSocketIT.Client socket, String type, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            JsonObject m = socket.poll(Duration.between(Instant.now(), deadline));
            if (m != null && type.equals(m.getString("type", ""))) {
                return m;
            }
        }
        return null;
    }

    private String rule(String siteId, String key, int priority, String definition) {
        Api.Reply r = post("/api/v1/admin/rules", """
                {"siteId":"%s","key":"%s","name":"%s","priority":%d,"definition":%s}""".formatted(siteId, key, key, priority, definition));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().asJsonObject().getString("id");
    }

    @Test
    void rules_message_detractors_once_call_a_webhook_and_choose_a_slot_strategy() throws Exception {
        JsonObject site = api.createSite("Rules " + UUID.randomUUID(), "implied", ORIGIN);
        String siteId = site.getString("id");
        String secretKey = site.getString("secretKey");
        assertThat(post("/api/v1/admin/segments", """
                {"siteId":"%s","key":"detractors","name":"Detractors","rule":{"field":"npsClass","op":"=","value":"detractor"}}""".formatted(siteId)).status())
                .isEqualTo(201);

        // bad rules are refused field by field, and nothing is stored
        Api.Reply bad = post("/api/v1/admin/rules", """
                {"siteId":"%s","key":"Bad","name":"","priority":5000,"definition":{"when":{"segment":"vips"},
                 "action":{"type":"message","template":"Dear {{firstName}}"},"cap":{"times":-2}}}""".formatted(siteId));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemFields())
                .containsExactlyInAnyOrder(
                        "key",
                        "name",
                        "priority",
                        "definition/when/segment",
                        "definition/action/template",
                        "definition/cap/times");
        assertThat(bad.body()).contains("unknown placeholder {{firstName}}");
        assertThat(post("/api/v1/admin/rules", """
                {"siteId":"%s","key":"slotty","name":"x","definition":{"when":{"field":"ratings","op":">=","value":1},
                 "action":{"type":"slot","slot":"home","strategy":"crystal_ball"}}}""".formatted(siteId)).problemFields())
                .containsExactly("definition/action/strategy");
        assertThat(get("/api/v1/admin/rules?site=" + siteId).getJsonArray("rules"))
                .isEmpty();

        String webhook = post("/api/v1/admin/webhooks", """
                {"siteId":"%s","url":"http://127.0.0.1:%d/crm","eventTypes":["purchase"]}""".formatted(
                                siteId, receiver.getAddress().getPort()))
                .json()
                .asJsonObject()
                .getString("id");
        String sorryDefinition = """
                {"when":{"segment":"detractors"},"on":["nps","visit"],
                 "action":{"type":"message","title":"We are sorry","template":"Sorry, {{subject}}: a {{latestNps}} tells us we let you down."},
                 "cap":{"times":1,"perHours":24}}""";
        String sorry = rule(siteId, "sorry", 10, sorryDefinition);
        rule(siteId, "hello", 1, """
                {"when":{"field":"events","op":">=","value":1},"on":["nps"],"action":{"type":"message","template":"Thanks for your {{events}} answers!"},
                 "cap":{"times":0}}""");
        rule(siteId, "crm-alert", 0, """
                {"when":{"segment":"detractors"},"on":["nps"],"action":{"type":"webhook","webhook":"%s"}}""".formatted(webhook));
        rule(siteId, "more-of-the-same", 0, """
                {"when":{"field":"ratings","op":">=","value":1},"action":{"type":"slot","slot":"home","strategy":"top_rated_in_top_attribute",
                 "title":"More {{topAttribute}} for you"}}""");
        assertThat(get("/api/v1/admin/rules?site=" + siteId).getJsonArray("rules"))
                .extracting(r -> r.asJsonObject().getString("key"))
                .containsExactly("sorry", "hello", "crm-alert", "more-of-the-same");

        // dee has the widget open and answers NPS 3: the higher-priority message, and the CRM hears of it
        CollectSocketIT.Client dee = CollectSocketIT.connect(site.getString("publicKey"), ORIGIN);
        dee.send("{\"type\":\"hello\",\"subjectId\":\"dee\",\"url\":\"https://shop.example.com/\"}");
        // a socket's messages are handled in order: the pong says the hello and its visit evaluation are done, so the
        // answer below is evaluated as an NPS answer, not beaten to the profile by a late visit
        dee.send("{\"type\":\"ping\"}");
        assertThat(next(dee, "pong", Duration.ofSeconds(10))).isNotNull();
        assertThat(api.postEvent(secretKey, "{\"type\":\"nps\",\"subjectId\":\"dee\",\"value\":3}")
                        .status())
                .isEqualTo(202);
        JsonObject message = next(dee, "message", Duration.ofSeconds(15));
        assertThat(message).isNotNull();
        assertThat(message.getString("rule")).isEqualTo("sorry");
        assertThat(message.getString("title")).isEqualTo("We are sorry");
        assertThat(message.getString("text")).isEqualTo("Sorry, dee: a 3 tells us we let you down.");
        assertThat(next(dee, "message", Duration.ofSeconds(1)))
                .as("one message per event")
                .isNull();
        await().atMost(Duration.ofSeconds(15)).until(() -> !hooks.isEmpty());
        JsonObject call = Json.createReader(new StringReader(hooks.get(0))).readObject();
        assertThat(call.getString("type")).isEqualTo("rule.fired");
        assertThat(call.getJsonObject("rule").getString("key")).isEqualTo("crm-alert");
        assertThat(call.getString("subjectId")).isEqualTo("dee");
        assertThat(call.getJsonObject("profile").getString("npsClass")).isEqualTo("detractor");

        // a second answer: "sorry" is capped for a day, so the lower-priority message takes its turn
        assertThat(api.postEvent(secretKey, "{\"type\":\"nps\",\"subjectId\":\"dee\",\"value\":2}")
                        .status())
                .isEqualTo(202);
        JsonObject second = next(dee, "message", Duration.ofSeconds(15));
        assertThat(second).isNotNull();
        assertThat(second.getString("rule")).isEqualTo("hello");
        assertThat(second.getString("text")).isEqualTo("Thanks for your 2 answers!");
        dee.close();

        JsonObject sorryNow = awaitGet("/api/v1/admin/rules/" + sorry, r -> r.getInt("capped7d") >= 1);
        assertThat(sorryNow.getInt("firedToday")).isEqualTo(1);
        JsonObject firings = get("/api/v1/admin/rules/" + sorry + "/firings");
        assertThat(firings.getJsonArray("firings")).hasSize(1);
        assertThat(firings.getJsonArray("firings").getJsonObject(0).getString("subject"))
                .isEqualTo("dee");
        assertThat(firings.getJsonArray("firings").getJsonObject(0).getString("action"))
                .isEqualTo("message");
        JsonObject today = get("/api/v1/admin/rules/" + sorry + "/hits?days=7")
                .getJsonArray("days")
                .getJsonObject(6);
        assertThat(today.getInt("fired")).isEqualTo(1);
        assertThat(today.getInt("capped")).isGreaterThanOrEqualTo(1);

        // the dry run: who would get it now, and that the cap holds dee back
        JsonObject dry = post(
                        "/api/v1/admin/rules/dry-run",
                        "{\"siteId\":\"%s\",\"ruleId\":\"%s\",\"definition\":%s}"
                                .formatted(siteId, sorry, sorryDefinition))
                .json()
                .asJsonObject();
        assertThat(dry.getInt("profiles")).isEqualTo(1);
        assertThat(dry.getInt("matching")).isEqualTo(1);
        assertThat(dry.getInt("capped")).isEqualTo(1);
        assertThat(dry.getJsonArray("sample").getJsonObject(0).getString("outcome"))
                .isEqualTo("We are sorry — Sorry, dee: a 2 tells us we let you down.");
        assertThat(post(
                                "/api/v1/admin/rules/dry-run",
                                "{\"siteId\":\"%s\",\"definition\":{\"when\":{\"segment\":\"detractors\"},"
                                                .formatted(siteId)
                                        + "\"action\":{\"type\":\"message\",\"template\":\"{{nope}}\"}}}")
                        .problemFields())
                .containsExactly("definition/action/template");

        // ann loves film noir: her home slot is filled by the rule's strategy, others' favourite comedy left out
        String items = """
                {"events":[{"type":"rating","subjectId":"bob","itemId":"comedy-1","value":5,"properties":{"title":"Big Laughs","genres":["Comedy"]}},
                           {"type":"rating","subjectId":"cat","itemId":"comedy-1","value":5,"properties":{"title":"Big Laughs","genres":["Comedy"]}},
                           {"type":"rating","subjectId":"bob","itemId":"noir-2","value":4,"properties":{"title":"Night Street","genres":["Film-Noir"]}},
                           {"type":"rating","subjectId":"ann","itemId":"noir-1","value":5,"properties":{"title":"The Dark Hall","genres":["Film-Noir"]}}]}""";
        assertThat(api.postEvent(secretKey, items).status()).isEqualTo(202);
        awaitGet(
                "/api/v1/admin/profiles?site=" + siteId,
                o -> o.getJsonArray("profiles").stream()
                                .mapToInt(p -> p.asJsonObject().getInt("ratings"))
                                .sum()
                        == 4);
        // the item statistics are counted beside the profile update: the strategy below ranks by them
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ratingsCounted(siteId) == 4);
        CollectSocketIT.Client ann = CollectSocketIT.connect(site.getString("publicKey"), ORIGIN);
        ann.send(
                "{\"type\":\"hello\",\"subjectId\":\"ann\",\"url\":\"https://shop.example.com/\",\"slots\":[\"home\"]}");
        JsonObject slot = next(ann, "recommendations", Duration.ofSeconds(15));
        assertThat(slot).isNotNull();
        assertThat(slot.getString("strategy")).isEqualTo("top_rated_in_top_attribute");
        assertThat(slot.getString("title")).isEqualTo("More Film-Noir for you");
        assertThat(slot.getString("rule")).isEqualTo("more-of-the-same");
        assertThat(slot.getJsonArray("items"))
                .extracting(i -> i.asJsonObject().getString("id"))
                .containsExactly("noir-2");
        ann.close();

        // an edit with a broken template changes nothing; a delete removes the rule
        Api.Reply broken =
                api.adminPut(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/rules/" + sorry, """
                {"name":"sorry","priority":10,"definition":{"when":{"segment":"detractors"},"action":{"type":"message","template":"{{mood}}"}}}""");
        assertThat(broken.problemFields()).containsExactly("definition/action/template");
        assertThat(get("/api/v1/admin/rules/" + sorry).getInt("version")).isEqualTo(1);
        assertThat(api.adminDelete(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/rules/" + sorry)
                        .status())
                .isEqualTo(204);
        assertThat(get("/api/v1/admin/rules?site=" + siteId).getJsonArray("rules"))
                .hasSize(3);
    }

    private static long ratingsCounted(String siteId) {
        return AttuneServerExtension.server()
                .count(
                        "SELECT coalesce(sum(ratings), 0) FROM personalization.item_rating_stats WHERE site_id = ?::uuid",
                        siteId);
    }
}
