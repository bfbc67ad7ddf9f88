package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Segments through the real APIs: rules checked, members entering on events and leaving as windows close. */
@AttuneIT
class SegmentsIT {

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private Api.Reply post(String path, String json) {
        return api.adminPost(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path, json);
    }

    private JsonObject get(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path)
                .json()
                .asJsonObject();
    }

    private JsonObject await(String path, Predicate<JsonObject> done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(40);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            last = get(path);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("not reached in time: " + path + " last " + last);
    }

    private static boolean has(JsonArray members, String subject) {
        return members.stream()
                .anyMatch(m -> m.asJsonObject().getString("subject").equals(subject));
    }

    @Test
    void a_windowed_segment_takes_visitors_in_as_they_hesitate_and_lets_them_go_when_the_window_closes()
            throws Exception {
        JsonObject site = api.createSite("Segments " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String secretKey = site.getString("secretKey");

        Api.Reply bad = post("/api/v1/admin/segments", """
                {"siteId":"%s","key":"Bad Key","name":"x","rule":{"all":[{"events":{"type":"teleport","withinHours":0},"op":"~","value":3},
                 {"field":"shoeSize","op":">","value":1}]}}""".formatted(siteId));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemFields())
                .contains(
                        "key",
                        "rule/all/0/op",
                        "rule/all/0/events/type",
                        "rule/all/0/events/withinHours",
                        "rule/all/1/field");
        assertThat(get("/api/v1/admin/segments?site=" + siteId).getJsonArray("segments"))
                .isEmpty();

        String rule = """
                {"all":[{"events":{"type":"page_view","sameItem":true,"withinHours":1},"op":">","value":3},
                        {"events":{"type":"purchase","withinHours":1},"op":"=","value":0}]}""";
        Api.Reply created = post("/api/v1/admin/segments", """
                {"siteId":"%s","key":"hesitant","name":"Hesitant viewers","description":"Looked at one item again and again, did not buy",
                 "rule":%s}""".formatted(siteId, rule));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().asJsonObject().getString("id");

        // sam looked at the tent four times almost an hour ago; kim looked at the stove four times and bought it
        String early = Instant.now().minusSeconds(3600 - 12).toString();
        // kim's purchase goes first, in its own request: within one batch the announcement order is not the array order
        assertThat(api.postEvent(
                                secretKey,
                                "{\"type\":\"purchase\",\"subjectId\":\"kim\",\"itemId\":\"stove\",\"value\":89}")
                        .status())
                .isEqualTo(202);
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"page_view\",\"subjectId\":\"sam\",\"itemId\":\"tent\",\"occurredAt\":\"")
                    .append(early)
                    .append("\"},{\"type\":\"page_view\",\"subjectId\":\"kim\",\"itemId\":\"stove\"}");
        }
        events.append(",{\"type\":\"page_view\",\"subjectId\":\"sam\",\"itemId\":\"boots\"}");
        assertThat(api.postEvent(secretKey, "{\"events\":[" + events + "]}").status())
                .isEqualTo(202);

        await(
                "/api/v1/admin/profiles?site=" + siteId,
                o -> o.getJsonArray("profiles").stream()
                                .mapToInt(p -> p.asJsonObject().getInt("events"))
                                .sum()
                        == 10);
        JsonObject members =
                await("/api/v1/admin/segments/" + id + "/members", o -> has(o.getJsonArray("members"), "sam"));
        assertThat(has(members.getJsonArray("members"), "kim")).as("kim bought").isFalse();
        assertThat(get("/api/v1/admin/segments/" + id).getInt("members")).isEqualTo(1);
        JsonObject preview = post(
                        "/api/v1/admin/segments/preview", "{\"siteId\":\"%s\",\"rule\":%s}".formatted(siteId, rule))
                .json()
                .asJsonObject();
        assertThat(preview.getInt("profiles")).isEqualTo(2);
        assertThat(preview.getJsonArray("sample").toString()).contains("sam").doesNotContain("kim");

        // the hour passes for sam's views: the sweep lets him go without any new event
        await("/api/v1/admin/segments/" + id + "/members", o -> !has(o.getJsonArray("members"), "sam"));
        JsonObject day = get("/api/v1/admin/segments/" + id + "/history")
                .getJsonArray("days")
                .getJsonObject(0);
        assertThat(day.getInt("entered")).isEqualTo(1);
        assertThat(day.getInt("left")).isEqualTo(1);
        assertThat(day.getInt("members")).isZero();
    }

    @Test
    void detractors_who_complain_form_a_segment_and_leave_it_when_consent_goes() throws Exception {
        JsonObject site = api.createSite("Detractors " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String secretKey = site.getString("secretKey");
        assertThat(api.postEvent(secretKey, """
                {"events":[{"type":"nps","subjectId":"dee","value":3},
                           {"type":"text","subjectId":"dee","text":"The delivery was late and the support was rude and useless."},
                           {"type":"nps","subjectId":"eve","value":4},
                           {"type":"text","subjectId":"eve","text":"Lovely staff, great help!"}]}""").status()).isEqualTo(202);
        await(
                "/api/v1/admin/profiles?site=" + siteId,
                o -> o.getJsonArray("profiles").size() == 2
                        && o.getJsonArray("profiles").stream()
                                .allMatch(p -> p.asJsonObject().getInt("events") == 2));
        Api.Reply created = post("/api/v1/admin/segments", """
                {"siteId":"%s","key":"angry-detractors","name":"Detractors who complain",
                 "rule":{"all":[{"field":"npsClass","op":"=","value":"detractor"},
                                {"events":{"type":"text","sentiment":"negative","withinHours":168},"op":">=","value":1}]}}""".formatted(siteId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().asJsonObject().getString("id");
        assertThat(created.json().asJsonObject().getInt("members"))
                .as("existing profiles are evaluated at once")
                .isEqualTo(1);
        JsonArray members = get("/api/v1/admin/segments/" + id + "/members").getJsonArray("members");
        assertThat(has(members, "dee")).isTrue();
        assertThat(has(members, "eve")).as("a detractor, but a happy text").isFalse();

        api.postConsent(secretKey, "{\"subjectId\":\"dee\",\"purposes\":{\"personalization\":false}}");
        await(
                "/api/v1/admin/segments/" + id + "/members",
                o -> o.getJsonArray("members").isEmpty());
    }

    @Test
    void discovery_finds_the_two_kinds_of_visitors_a_site_has() throws Exception {
        JsonObject site = api.createSite("Discovery " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 20; i++) { // buyers who love it
            String s = "fan-" + i;
            events.append(events.length() == 0 ? "" : ",")
                    .append("{\"type\":\"nps\",\"subjectId\":\"" + s + "\",\"value\":10},"
                            + "{\"type\":\"rating\",\"subjectId\":\"" + s + "\",\"itemId\":\"a\",\"value\":5},"
                            + "{\"type\":\"purchase\",\"subjectId\":\"" + s + "\",\"itemId\":\"a\",\"value\":30},"
                            + "{\"type\":\"purchase\",\"subjectId\":\"" + s + "\",\"itemId\":\"b\",\"value\":30}");
        }
        for (int i = 0; i < 20; i++) { // browsers who do not
            String s = "critic-" + i;
            events.append(",{\"type\":\"nps\",\"subjectId\":\"" + s + "\",\"value\":1},"
                    + "{\"type\":\"rating\",\"subjectId\":\"" + s + "\",\"itemId\":\"a\",\"value\":1}");
        }
        assertThat(api.postEvent(site.getString("secretKey"), "{\"events\":[" + events + "]}")
                        .status())
                .isEqualTo(202);
        await(
                "/api/v1/admin/profiles?site=" + siteId + "&limit=100",
                o -> o.getJsonArray("profiles").size() == 40
                        && o.getJsonArray("profiles").stream()
                                        .mapToInt(p -> p.asJsonObject().getInt("events"))
                                        .sum()
                                == 120);
        JsonArray found = post("/api/v1/admin/segments/discover?site=" + siteId, "{}")
                .json()
                .asJsonObject()
                .getJsonArray("discovered");
        assertThat(found.size()).isGreaterThanOrEqualTo(2);
        JsonObject promoters = found.stream()
                .map(v -> v.asJsonObject())
                .filter(d -> d.getJsonObject("profile").getJsonNumber("nps").doubleValue() > 8)
                .findFirst()
                .orElseThrow();
        assertThat(promoters.getInt("size")).isEqualTo(20);
        assertThat(get("/api/v1/admin/segments/discovered?site=" + siteId).getJsonArray("discovered"))
                .hasSize(found.size());
    }

    @Test
    void an_experiment_targeted_at_a_segment_takes_in_only_its_members() throws Exception {
        JsonObject site = api.createSite("Segment experiment " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String secretKey = site.getString("secretKey");
        Api.Reply segment = post("/api/v1/admin/segments", """
                {"siteId":"%s","key":"buyers","name":"Bought today",
                 "rule":{"events":{"type":"purchase","withinHours":24},"op":">=","value":1}}""".formatted(siteId));
        assertThat(segment.status()).as(segment.body()).isEqualTo(201);
        String segmentId = segment.json().asJsonObject().getString("id");
        assertThat(api.postEvent(secretKey, """
                {"events":[{"type":"purchase","subjectId":"buyer-1","itemId":"a","value":20},
                           {"type":"page_view","subjectId":"browser-1","itemId":"a"}]}""").status()).isEqualTo(202);
        await("/api/v1/admin/segments/" + segmentId + "/members", o -> has(o.getJsonArray("members"), "buyer-1"));
        Api.Reply created = post("/api/v1/admin/experiments", """
                {"siteId":"%s","key":"upsell","name":"Upsell to buyers","targeting":{"segments":["buyers"]},
                 "variants":[{"key":"control","weight":50},{"key":"bundle","weight":50}],
                 "metrics":[{"key":"again","kind":"conversion","eventType":"purchase"}]}""".formatted(siteId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json()
                        .asJsonObject()
                        .getJsonObject("targeting")
                        .getJsonArray("segments")
                        .getString(0))
                .isEqualTo("buyers");
        String id = created.json().asJsonObject().getString("id");
        assertThat(post("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}")
                        .status())
                .isEqualTo(200);
        assertThat(counted(secretKey, "buyer-1"))
                .as("a member is in the experiment")
                .isTrue();
        assertThat(counted(secretKey, "browser-1"))
                .as("a non-member gets the control, uncounted")
                .isFalse();
        Api.Reply bad = post("/api/v1/admin/experiments", """
                {"siteId":"%s","key":"bad-target","name":"x","targeting":{"segments":["Not A Key"]},
                 "variants":[{"key":"control","weight":50},{"key":"b","weight":50}],
                 "metrics":[{"key":"m","kind":"conversion","eventType":"purchase"}]}""".formatted(siteId));
        assertThat(bad.problemFields()).contains("targeting/segments");
    }

    private boolean counted(String secretKey, String subject) throws Exception {
        var r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(AttuneServerExtension.server()
                                                .baseUrl() + "/api/v1/assignments?subject=" + subject))
                                .header("Authorization", "Bearer " + secretKey)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body()))
                .readObject()
                .getJsonArray("counted")
                .toString()
                .contains("upsell");
    }
}
