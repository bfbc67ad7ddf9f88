package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Experiments through the real APIs: definition checks, sticky assignment, consent, metrics from ingested events, results. */
@AttuneIT
class ExperimentsIT {

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());
    private final HttpClient http = HttpClient.newHttpClient();

    private Api.Reply admin(String path, String json) {
        return api.adminPost(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path, json);
    }

    private String variant(String secretKey, String subject, String experiment) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(
                                AttuneServerExtension.server().baseUrl() + "/api/v1/assignments?subject=" + subject))
                        .header("Authorization", "Bearer " + secretKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject experiments =
                Json.createReader(new StringReader(r.body())).readObject().getJsonObject("experiments");
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
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/experiments?site=" + site.getString("id"))
                        .json()
                        .asJsonObject()
                        .getJsonArray("experiments"))
                .isEmpty();
    }

    @Test
    void assignment_is_sticky_consent_gated_and_a_real_effect_shows_in_the_results() throws Exception {
        JsonObject site = api.createSite("Experiments " + UUID.randomUUID(), "implied");
        String secretKey = site.getString("secretKey");
        Api.Reply created = admin("/api/v1/admin/experiments", """
                {"siteId":"%s","key":"checkout-button","name":"Green checkout button","hypothesis":"Green converts better",
                 "variants":[{"key":"control","weight":50},{"key":"green","weight":50,"payload":{"color":"green"}}],
                 "metrics":[{"key":"purchases","kind":"conversion","eventType":"purchase","windowHours":24},
                            {"key":"rating","kind":"mean","eventType":"rating","windowHours":24,"guardrail":true}]}""".formatted(site.getString("id")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().asJsonObject().getString("id");
        assertThat(variant(secretKey, "before-start", "checkout-button"))
                .as("a draft assigns nobody")
                .isNull();
        assertThat(admin("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}")
                        .status())
                .as("running twice is not a transition")
                .isEqualTo(400);

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
                assertThat(api.postEvent(secretKey, "{\"events\":[" + events + "]}")
                                .status())
                        .isEqualTo(202);
                events.setLength(0);
                batch = 0;
            }
        }
        if (batch > 0) {
            assertThat(api.postEvent(secretKey, "{\"events\":[" + events + "]}").status())
                    .isEqualTo(202);
        }
        for (int i = 0; i < 50; i++) {
            assertThat(variant(secretKey, "unit-" + i, "checkout-button"))
                    .as("sticky")
                    .isEqualTo(assigned.get("unit-" + i));
        }

        JsonObject results = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            results = api.adminGet(
                            TestServer.ADMIN_USER,
                            TestServer.ADMIN_PASSWORD,
                            "/api/v1/admin/experiments/" + id + "/results")
                    .json()
                    .asJsonObject();
            long rated = results.getJsonArray("metrics").getJsonObject(1).getJsonArray("values").stream()
                    .mapToLong(v -> v.asJsonObject().getJsonNumber("n").longValue())
                    .sum();
            if (rated == 600) {
                break;
            }
            Thread.sleep(300);
        }
        long units = results.getJsonArray("units").stream()
                .mapToLong(u -> u.asJsonObject().getJsonNumber("units").longValue())
                .sum();
        assertThat(units)
                .as("every consenting unit exposed once; the declining one not at all")
                .isEqualTo(600);
        assertThat(results.getJsonObject("sampleRatio").getBoolean("mismatch")).isFalse();
        JsonObject purchases = results.getJsonArray("metrics")
                .getJsonObject(0)
                .getJsonArray("comparisons")
                .getJsonObject(0);
        assertThat(purchases.getString("variant")).isEqualTo("green");
        assertThat(purchases.getJsonNumber("relativeEffect").doubleValue()).isGreaterThan(0.5);
        assertThat(purchases.getJsonNumber("pValue").doubleValue()).isLessThan(0.01);
        assertThat(purchases.getJsonNumber("chanceToWin").doubleValue()).isGreaterThan(0.99);
        JsonObject rating = results.getJsonArray("metrics")
                .getJsonObject(1)
                .getJsonArray("comparisons")
                .getJsonObject(0);
        assertThat(rating.getJsonNumber("adjustedPValue").doubleValue())
                .as("no rating difference was simulated")
                .isGreaterThan(0.01);
    }

    @Test
    void a_significantly_worse_guardrail_raises_an_alert_and_stops_an_auto_stop_experiment() throws Exception {
        JsonObject site = api.createSite("Guard " + UUID.randomUUID(), "implied");
        String secretKey = site.getString("secretKey");
        Api.Reply created = admin("/api/v1/admin/experiments", """
                {"siteId":"%s","key":"cheap-shipping","name":"Cheaper, slower shipping","autoStop":true,
                 "variants":[{"key":"control","weight":50},{"key":"slow","weight":50}],
                 "metrics":[{"key":"purchases","kind":"conversion","eventType":"purchase","windowHours":24},
                            {"key":"csat","kind":"mean","eventType":"csat","windowHours":24,"guardrail":true}]}""".formatted(site.getString("id")));
        String id = created.json().asJsonObject().getString("id");
        admin("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}");
        StringBuilder events = new StringBuilder();
        Random random = new Random(9);
        for (int i = 0; i < 300; i++) {
            String unit = "guard-" + i;
            int csat = variant(secretKey, unit, "cheap-shipping").equals("slow")
                    ? 1 + random.nextInt(3)
                    : 3 + random.nextInt(3);
            events.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"csat\",\"subjectId\":\"" + unit + "\",\"value\":" + csat + "}");
        }
        assertThat(api.postEvent(secretKey, "{\"events\":[" + events + "]}").status())
                .isEqualTo(202);

        JsonObject experiment = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(40));
        while (Instant.now().isBefore(deadline)) {
            experiment = api.adminGet(
                            TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/experiments/" + id)
                    .json()
                    .asJsonObject();
            if (experiment.getString("status").equals("stopped")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(experiment.getString("status")).isEqualTo("stopped");
        assertThat(experiment.getString("alert")).isEqualTo("guardrail csat worse for slow");
        assertThat(variant(secretKey, "guard-new", "cheap-shipping"))
                .as("a stopped experiment assigns nobody")
                .isNull();
    }

    private JsonObject assignments(String secretKey, String subject, String query) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(AttuneServerExtension.server().baseUrl()
                                + "/api/v1/assignments?subject=" + subject + query))
                        .header("Authorization", "Bearer " + secretKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private boolean counted(JsonObject assignments, String experiment) {
        return assignments.getJsonArray("counted").getValuesAs(JsonString.class).stream()
                .anyMatch(s -> s.getString().equals(experiment));
    }

    private String create(String siteId, String json) {
        Api.Reply created = admin("/api/v1/admin/experiments", json.formatted(siteId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().asJsonObject().getString("id");
    }

    private void start(String id) {
        assertThat(admin("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}")
                        .status())
                .isEqualTo(200);
    }

    private JsonObject get(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path)
                .json()
                .asJsonObject();
    }

    @Test
    void layers_keep_experiments_apart_targeting_and_holdout_choose_who_is_in_and_running_definitions_are_frozen()
            throws Exception {
        JsonObject site = api.createSite("Layers " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String secretKey = site.getString("secretKey");
        String simple = """
                {"siteId":"%%s","key":"%s","name":"%s","trafficPercent":%d,"layer":{"name":"hero","from":%d},
                 "variants":[{"key":"control","weight":50},{"key":"b","weight":50,"payload":{"text":"New"}}],
                 "metrics":[{"key":"buy","kind":"conversion","eventType":"purchase"}]}""";
        String left = create(siteId, simple.formatted("left", "Left", 50, 0));
        Api.Reply overlapping = admin(
                "/api/v1/admin/experiments",
                simple.formatted("middle", "Middle", 30, 40).formatted(siteId));
        assertThat(overlapping.status()).as(overlapping.body()).isEqualTo(409);
        assertThat(overlapping.problemFields()).containsExactly("layer/from");
        assertThat(overlapping.body()).contains("left", "free buckets: 50..99");
        String right = create(siteId, simple.formatted("right", "Right", 50, 50));
        start(left);
        start(right);
        int inLeft = 0;
        for (int i = 0; i < 200; i++) {
            JsonObject a = assignments(secretKey, "layer-" + i, "");
            assertThat(counted(a, "left"))
                    .as("each unit in exactly one experiment of the layer")
                    .isNotEqualTo(counted(a, "right"));
            inLeft += counted(a, "left") ? 1 : 0;
            if (a.getJsonObject("experiments").getString("left").equals("b") && counted(a, "left")) {
                assertThat(a.getJsonObject("payloads").getJsonObject("left").getString("text"))
                        .isEqualTo("New");
            }
        }
        assertThat(inLeft).isBetween(70, 130);

        String targeted = create(siteId, """
                {"siteId":"%s","key":"checkout-copy","name":"Checkout copy on phones",
                 "targeting":{"urlPatterns":["/checkout*"],"devices":["mobile"]},
                 "variants":[{"key":"control","weight":50},{"key":"short","weight":50}],
                 "metrics":[{"key":"buy","kind":"conversion","eventType":"purchase"}]}""");
        start(targeted);
        assertThat(counted(
                        assignments(secretKey, "shopper", "&url=https://shop.example/home&device=mobile"),
                        "checkout-copy"))
                .as("another page: not entered")
                .isFalse();
        assertThat(counted(
                        assignments(secretKey, "shopper", "&url=https://shop.example/checkout/1&device=desktop"),
                        "checkout-copy"))
                .as("another device: not entered")
                .isFalse();
        JsonObject entered = assignments(secretKey, "shopper", "&url=https://shop.example/checkout/1&device=mobile");
        assertThat(counted(entered, "checkout-copy")).isTrue();
        JsonObject later = assignments(secretKey, "shopper", "&url=https://shop.example/home&device=desktop");
        assertThat(counted(later, "checkout-copy"))
                .as("once in, the unit keeps its variant everywhere")
                .isTrue();
        assertThat(later.getJsonObject("experiments").getString("checkout-copy"))
                .isEqualTo(entered.getJsonObject("experiments").getString("checkout-copy"));
        HttpResponse<String> watch = http.send(
                HttpRequest.newBuilder(URI.create(AttuneServerExtension.server().baseUrl()
                                + "/api/v1/assignments?subject=shopper&device=watch"))
                        .header("Authorization", "Bearer " + secretKey)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(watch.statusCode()).isEqualTo(400);
        assertThat(watch.body()).contains("\"device\"");
    }

    @Test
    void bad_changes_are_refused_and_change_nothing() throws Exception {
        JsonObject site = api.createSite("Edits " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String definition = """
                {"siteId":"%s","key":"edit-me","name":"Before","hypothesis":"h",
                 "variants":[{"key":"control","weight":50},{"key":"b","weight":50}],
                 "metrics":[{"key":"buy","kind":"conversion","eventType":"purchase"}]}""";
        String id = create(siteId, definition);
        Api.Reply badRatio = admin("/api/v1/admin/experiments", """
                {"siteId":"%s","key":"aov","name":"AOV","variants":[{"key":"control","weight":40},{"key":"b","weight":40}],
                 "metrics":[{"key":"aov","kind":"ratio","eventType":"purchase"}]}""".formatted(siteId));
        assertThat(badRatio.status()).isEqualTo(400);
        assertThat(badRatio.problemFields()).contains("variants", "metrics/0/denominatorEventType");
        start(id);
        Api.Reply reweighted = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/experiments/" + id,
                definition
                        .formatted(siteId)
                        .replace(
                                "\"weight\":50},{\"key\":\"b\",\"weight\":50",
                                "\"weight\":20},{\"key\":\"b\",\"weight\":80"));
        assertThat(reweighted.status()).as(reweighted.body()).isEqualTo(400);
        assertThat(reweighted.problemFields()).containsExactly("variants");
        assertThat(get("/api/v1/admin/experiments/" + id)
                        .getJsonArray("variants")
                        .getJsonObject(1)
                        .getInt("weight"))
                .isEqualTo(50);
        Api.Reply renamed = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/experiments/" + id,
                definition.formatted(siteId).replace("Before", "After"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(get("/api/v1/admin/experiments/" + id).getString("name")).isEqualTo("After");

        Api.Reply holdoutWhileRunning = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/experiments/settings/" + siteId,
                "{\"holdoutPercent\":20}");
        assertThat(holdoutWhileRunning.status()).isEqualTo(400);
        assertThat(holdoutWhileRunning.problemFields()).containsExactly("holdoutPercent");
        assertThat(get("/api/v1/admin/experiments/settings/" + siteId).getInt("holdoutPercent"))
                .isZero();
        admin("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"stopped\"}");
        assertThat(api.adminPut(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/experiments/settings/" + siteId,
                                "{\"holdoutPercent\":50}")
                        .status())
                .isEqualTo(200);
        String held = create(siteId, definition.replace("edit-me", "held"));
        start(held);
        int in = 0;
        for (int i = 0; i < 300; i++) {
            in += counted(assignments(site.getString("secretKey"), "h-" + i, ""), "held") ? 1 : 0;
        }
        assertThat(in)
                .as("about half the units are held out of every experiment")
                .isBetween(105, 195);
    }

    @Test
    void scheduled_experiments_start_and_stop_by_themselves_and_results_are_snapshotted_over_time() throws Exception {
        JsonObject site = api.createSite("Schedule " + UUID.randomUUID(), "implied");
        String secretKey = site.getString("secretKey");
        Instant start = Instant.now().plusSeconds(2);
        String id = create(site.getString("id"), """
                {"siteId":"%%s","key":"timed","name":"Timed","startAt":"%s","stopAt":"%s",
                 "variants":[{"key":"control","weight":50},{"key":"b","weight":50}],
                 "metrics":[{"key":"buy","kind":"conversion","eventType":"purchase"}]}""".formatted(start, start.plusSeconds(14)));
        assertThat(get("/api/v1/admin/experiments/" + id).getString("status")).isEqualTo("draft");
        String status = await(id, "running", 20);
        assertThat(status).isEqualTo("running");
        for (int i = 0; i < 40; i++) {
            variant(secretKey, "t-" + i, "timed");
        }
        assertThat(await(id, "stopped", 30)).isEqualTo("stopped");
        JsonObject history = get("/api/v1/admin/experiments/" + id + "/history");
        assertThat(history.getJsonArray("snapshots").stream()
                        .map(s -> s.asJsonObject().getString("takenAt"))
                        .distinct()
                        .count())
                .as("snapshots every couple of seconds while it ran")
                .isGreaterThanOrEqualTo(2);
        assertThat(history.getJsonArray("snapshots").stream()
                        .filter(s -> s.asJsonObject().getString("variant").equals("b")
                                && s.asJsonObject().containsKey("relativeEffect"))
                        .count())
                .isPositive();
    }

    private String await(String id, String status, int seconds) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(seconds);
        String now = null;
        while (Instant.now().isBefore(deadline)) {
            now = get("/api/v1/admin/experiments/" + id).getString("status");
            if (now.equals(status)) {
                return now;
            }
            Thread.sleep(300);
        }
        return now;
    }

    @Test
    void a_bandit_moves_traffic_to_the_arm_that_converts() throws Exception {
        JsonObject site = api.createSite("Bandit " + UUID.randomUUID(), "implied");
        String secretKey = site.getString("secretKey");
        String id = create(site.getString("id"), """
                {"siteId":"%s","key":"banner","name":"Banner","mode":"bandit",
                 "variants":[{"key":"control","weight":50},{"key":"bold","weight":50}],
                 "metrics":[{"key":"buy","kind":"conversion","eventType":"purchase"}]}""");
        start(id);
        Random random = new Random(5);
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String unit = "bandit-" + i;
            double rate = variant(secretKey, unit, "banner").equals("bold") ? 0.5 : 0.05;
            if (random.nextDouble() < rate) {
                events.append(events.length() == 0 ? "" : ",")
                        .append("{\"type\":\"purchase\",\"subjectId\":\"" + unit + "\",\"itemId\":\"sku\"}");
            }
        }
        assertThat(api.postEvent(secretKey, "{\"events\":[" + events + "]}").status())
                .isEqualTo(202);
        JsonObject experiment = null;
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            experiment = get("/api/v1/admin/experiments/" + id);
            if (experiment.containsKey("liveBasisPoints")
                    && experiment.getJsonArray("liveBasisPoints").getInt(1) > 9000) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(experiment.getJsonArray("liveBasisPoints").getInt(1))
                .as(experiment.toString())
                .isGreaterThan(9000);
        assertThat(experiment.getJsonArray("liveBasisPoints").getInt(0))
                .as("the floor keeps the other arm learning")
                .isGreaterThanOrEqualTo(500);
        // the new allocation reaches assignment within moments: each try asks for 100 units never seen before
        AtomicInteger tries = new AtomicInteger();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            int bold = 0;
            int round = tries.incrementAndGet();
            for (int i = 0; i < 100; i++) {
                bold += variant(secretKey, "late-" + round + "-" + i, "banner").equals("bold") ? 1 : 0;
            }
            assertThat(bold).as("new units follow the new allocation").isGreaterThan(80);
        });
        JsonObject results = get("/api/v1/admin/experiments/" + id + "/results");
        assertThat(results.getJsonObject("sampleRatio").getBoolean("mismatch"))
                .as("no SRM alarm for a bandit")
                .isFalse();
        assertThat(results.getJsonArray("units")
                        .getJsonObject(1)
                        .getJsonNumber("chanceToBeBest")
                        .doubleValue())
                .isGreaterThan(0.99);
    }

    @Test
    void pre_exposure_activity_narrows_the_interval_with_cuped_and_ratio_metrics_come_out_per_variant()
            throws Exception {
        JsonObject site = api.createSite("Cuped " + UUID.randomUUID(), "implied");
        String secretKey = site.getString("secretKey");
        String id = create(site.getString("id"), """
                {"siteId":"%s","key":"pricing","name":"Pricing page",
                 "variants":[{"key":"control","weight":50},{"key":"b","weight":50}],
                 "metrics":[{"key":"spend","kind":"sum","eventType":"purchase","windowHours":48},
                            {"key":"per-cart","kind":"ratio","eventType":"purchase","denominatorEventType":"add_to_cart","windowHours":48}]}""");
        // two days before the test: what each unit habitually spends
        Random random = new Random(13);
        String twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).toString();
        double[] habit = new double[300];
        StringBuilder pre = new StringBuilder();
        for (int i = 0; i < habit.length; i++) {
            habit[i] = 10 + random.nextInt(90);
            pre.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"purchase\",\"itemId\":\"sku\",\"subjectId\":\"c-" + i + "\",\"value\":"
                            + habit[i] + ",\"occurredAt\":\"" + twoDaysAgo + "\"}");
        }
        Api.Reply preReply = api.postEvent(secretKey, "{\"events\":[" + pre + "]}");
        assertThat(preReply.status()).as(preReply.body()).isEqualTo(202);
        // the pre-period is recorded from the events after they commit: each unit's activity before the start
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> unitsWithActivity(site.getString("id"), "purchase") == habit.length);
        start(id);
        List<String> post = new ArrayList<>();
        Map<String, double[]> spendAndCarts = new HashMap<>();
        for (int i = 0; i < habit.length; i++) {
            String unit = "c-" + i;
            String v = variant(secretKey, unit, "pricing");
            double lift = v.equals("b") ? 1.1 : 1.0;
            long spend = Math.max(1, Math.round(habit[i] * lift + random.nextGaussian() * 3));
            double[] sums = spendAndCarts.computeIfAbsent(v, k -> new double[2]);
            sums[0] += spend;
            sums[1] += 2;
            post.add("{\"type\":\"add_to_cart\",\"itemId\":\"sku\",\"subjectId\":\"" + unit + "\"},"
                    + "{\"type\":\"add_to_cart\",\"itemId\":\"sku\",\"subjectId\":\"" + unit + "\"},"
                    + "{\"type\":\"purchase\",\"itemId\":\"sku\",\"subjectId\":\"" + unit + "\",\"value\":"
                    + Math.max(1, spend) + "}");
        }
        for (int from = 0; from < post.size(); from += 150) {
            Api.Reply r = api.postEvent(
                    secretKey,
                    "{\"events\":[" + String.join(",", post.subList(from, Math.min(post.size(), from + 150))) + "]}");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }
        JsonObject results = null;
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            results = get("/api/v1/admin/experiments/" + id + "/results");
            boolean complete = true;
            for (var v : results.getJsonArray("metrics").getJsonObject(1).getJsonArray("values")) {
                double[] sums = spendAndCarts.get(v.asJsonObject().getString("variant"));
                complete &= Math.abs(v.asJsonObject().getJsonNumber("mean").doubleValue() - sums[0] / sums[1]) < 1e-9;
            }
            if (complete) {
                break;
            }
            Thread.sleep(500);
        }
        JsonObject spend = results.getJsonArray("metrics").getJsonObject(0);
        assertThat(spend.getBoolean("cuped")).as(spend.toString()).isTrue();
        assertThat(spend.getJsonNumber("varianceReduction").doubleValue()).isGreaterThan(0.8);
        JsonObject effect = spend.getJsonArray("comparisons").getJsonObject(0);
        assertThat(effect.getJsonNumber("relativeEffect").doubleValue()).isBetween(0.05, 0.15);
        assertThat(effect.getJsonNumber("pValue").doubleValue())
                .as("CUPED finds a 10 %% lift in 300 units")
                .isLessThan(0.001);
        JsonObject ratio = results.getJsonArray("metrics").getJsonObject(1);
        assertThat(ratio.getBoolean("cuped")).isFalse();
        for (int i = 0; i < 2; i++) {
            JsonObject value = ratio.getJsonArray("values").getJsonObject(i);
            double[] sums = spendAndCarts.get(value.getString("variant"));
            assertThat(value.getJsonNumber("mean").doubleValue())
                    .as("spend per cart added, over the variant's units")
                    .isCloseTo(sums[0] / sums[1], Offset.offset(1e-9));
        }
        JsonObject perCart = ratio.getJsonArray("comparisons").getJsonObject(0);
        assertThat(perCart.getJsonArray("interval").getJsonNumber(0).doubleValue())
                .isLessThan(perCart.getJsonNumber("relativeEffect").doubleValue());
    }

    /** Units with recorded activity of the type (the CUPED pre-period), on this site. */
    private static long unitsWithActivity(String siteId, String eventType) {
        return AttuneServerExtension.server()
                .count(
                        "SELECT count(DISTINCT subject) FROM personalization.subject_activity "
                                + "WHERE site_id = ?::uuid AND event_type = ?",
                        siteId,
                        eventType);
    }
}
