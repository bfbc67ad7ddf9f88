package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/** Experiments through the real APIs: definition checks, sticky assignment, consent, metrics from ingested events, results. */
@AttuneIT
@RunAsClient
class ExperimentsIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());
    private final HttpClient http = HttpClient.newHttpClient();

    private Api.Reply admin(String path, String json) {
        return api.adminPost(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path, json);
    }

    private String variant(String secretKey, String subject, String experiment) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(AttuneServerExtension.server().baseUrl()
                + "/api/v1/assignments?subject=" + subject)).header("Authorization", "Bearer " + secretKey).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject experiments = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject().getJsonObject("experiments");
        return experiments.getString(experiment, null);
    }

    @Test
    void a_bad_definition_is_refused_naming_each_field_and_nothing_is_created() {
        JsonObject site = api.createSite("Experiments " + UUID.randomUUID(), "implied");
        Api.Reply r = admin("/api/v1/admin/experiments", """
                {"siteId":"%s","key":"Bad Key","name":"x","variants":[{"key":"a","weight":60},{"key":"a","weight":30}],
                 "metrics":[{"key":"m","kind":"conversion","eventType":"teleport"}]}""".formatted(site.getString("id")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.problemFields()).contains("key", "variants", "variants/1/key", "metrics/0/eventType");
        assertThat(api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/experiments?site=" + site.getString("id"))
                .json().asJsonObject().getJsonArray("experiments")).isEmpty();
    }

    @Test
    void assignment_is_sticky_consent_gated_and_a_real_effect_shows_in_the_results() throws Exception {
        JsonObject site = api.createSite("Experiments " + UUID.randomUUID(), "implied");
        String secretKey = site.getString("secretKey");
        Api.Reply created = admin("/api/v1/admin/experiments", """
                {"siteId":"%s","key":"checkout-button","name":"Green checkout button","hypothesis":"Green converts better",
                 "variants":[{"key":"control","weight":50},{"key":"green","weight":50,"payload":{"color":"green"}}],
                 "metrics":[{"key":"purchases","kind":"conversion","eventType":"purchase","windowHours":24},
                            {"key":"rating","kind":"mean","eventType":"rating","windowHours":24,"guardrail":true}]}"""
                .formatted(site.getString("id")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().asJsonObject().getString("id");
        assertThat(variant(secretKey, "before-start", "checkout-button")).as("a draft assigns nobody").isNull();
        assertThat(admin("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}").status()).isEqualTo(200);
        assertThat(admin("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}").status())
                .as("running twice is not a transition").isEqualTo(400);

        // A visitor who declined experiments sees the control and is not counted.
        api.postConsent(secretKey, "{\"subjectId\":\"no-experiments\",\"purposes\":{\"experiments\":false}}");
        assertThat(variant(secretKey, "no-experiments", "checkout-button")).isEqualTo("control");

        Random random = new Random(42);
        Map<String, String> assigned = new HashMap<>();
        StringBuilder events = new StringBuilder();
        int batch = 0;
        for (int i = 0; i < 600; i++) {
            String unit = "unit-" + i;
            String v = variant(secretKey, unit, "checkout-button");
            assigned.put(unit, v);
            double rate = v.equals("green") ? 0.35 : 0.15;
            if (random.nextDouble() < rate) {
                events.append(batch++ == 0 ? "" : ",").append("""
                        {"type":"purchase","subjectId":"%s","itemId":"sku-1","value":20}""".formatted(unit));
            }
            events.append(batch++ == 0 ? "" : ",").append("""
                    {"type":"rating","subjectId":"%s","itemId":"sku-1","value":%d}""".formatted(unit, 3 + random.nextInt(3)));
            if (batch >= 200) {
                assertThat(api.postEvent(secretKey, "{\"events\":[" + events + "]}").status()).isEqualTo(202);
                events.setLength(0);
                batch = 0;
            }
        }
        if (batch > 0) {
            assertThat(api.postEvent(secretKey, "{\"events\":[" + events + "]}").status()).isEqualTo(202);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(variant(secretKey, "unit-" + i, "checkout-button")).as("sticky").isEqualTo(assigned.get("unit-" + i));
        }

        JsonObject results = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            results = api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/experiments/" + id + "/results")
                    .json().asJsonObject();
            long rated = results.getJsonArray("metrics").getJsonObject(1).getJsonArray("values").stream()
                    .mapToLong(v -> v.asJsonObject().getJsonNumber("n").longValue()).sum();
            if (rated == 600) {
                break;
            }
            Thread.sleep(300);
        }
        long units = results.getJsonArray("units").stream().mapToLong(u -> u.asJsonObject().getJsonNumber("units").longValue()).sum();
        assertThat(units).as("every consenting unit exposed once; the declining one not at all").isEqualTo(600);
        assertThat(results.getJsonObject("sampleRatio").getBoolean("mismatch")).isFalse();
        JsonObject purchases = results.getJsonArray("metrics").getJsonObject(0).getJsonArray("comparisons").getJsonObject(0);
        assertThat(purchases.getString("variant")).isEqualTo("green");
        assertThat(purchases.getJsonNumber("relativeEffect").doubleValue()).isGreaterThan(0.5);
        assertThat(purchases.getJsonNumber("pValue").doubleValue()).isLessThan(0.01);
        assertThat(purchases.getJsonNumber("chanceToWin").doubleValue()).isGreaterThan(0.99);
        JsonObject rating = results.getJsonArray("metrics").getJsonObject(1).getJsonArray("comparisons").getJsonObject(0);
        assertThat(rating.getJsonNumber("adjustedPValue").doubleValue()).as("no rating difference was simulated").isGreaterThan(0.01);
    }

    @Test
    void a_significantly_worse_guardrail_raises_an_alert_and_stops_an_auto_stop_experiment() throws Exception {
        JsonObject site = api.createSite("Guard " + UUID.randomUUID(), "implied");
        String secretKey = site.getString("secretKey");
        Api.Reply created = admin("/api/v1/admin/experiments", """
                {"siteId":"%s","key":"cheap-shipping","name":"Cheaper, slower shipping","autoStop":true,
                 "variants":[{"key":"control","weight":50},{"key":"slow","weight":50}],
                 "metrics":[{"key":"purchases","kind":"conversion","eventType":"purchase","windowHours":24},
                            {"key":"csat","kind":"mean","eventType":"csat","windowHours":24,"guardrail":true}]}"""
                .formatted(site.getString("id")));
        String id = created.json().asJsonObject().getString("id");
        admin("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}");
        StringBuilder events = new StringBuilder();
        Random random = new Random(9);
        for (int i = 0; i < 300; i++) {
            String unit = "guard-" + i;
            int csat = variant(secretKey, unit, "cheap-shipping").equals("slow") ? 1 + random.nextInt(3) : 3 + random.nextInt(3);
            events.append(i == 0 ? "" : ",").append("{\"type\":\"csat\",\"subjectId\":\"" + unit + "\",\"value\":" + csat + "}");
        }
        assertThat(api.postEvent(secretKey, "{\"events\":[" + events + "]}").status()).isEqualTo(202);

        JsonObject experiment = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (Instant.now().isBefore(deadline)) {
            experiment = api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/experiments/" + id).json().asJsonObject();
            if (experiment.getString("status").equals("stopped")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(experiment.getString("status")).isEqualTo("stopped");
        assertThat(experiment.getString("alert")).isEqualTo("guardrail csat worse for slow");
        assertThat(variant(secretKey, "guard-new", "cheap-shipping")).as("a stopped experiment assigns nobody").isNull();
    }
}
