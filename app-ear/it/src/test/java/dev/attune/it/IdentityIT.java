package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Identity resolution through the real APIs: identify, merge, unmerge, conflicts, bad input, export and erasure. */
@AttuneIT
class IdentityIT {

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private Api.Reply get(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path);
    }

    private Api.Reply post(String path, String json) {
        return api.adminPost(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path, json);
    }

    private JsonObject await(String path, Predicate<JsonObject> done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(40);
        JsonObject last = null;
        while (Instant.now().isBefore(deadline)) {
            Api.Reply r = get(path);
            if (r.status() == 200) {
                last = r.json().asJsonObject();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("not reached in time: " + path + " last " + last);
    }

    private void events(String secretKey, String subject, String... items) {
        Instant at = Instant.now().minusSeconds(600);
        StringBuilder json = new StringBuilder("{\"events\":[");
        for (int i = 0; i < items.length; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("""
                    {"type":"rating","subjectId":"%s","itemId":"%s","value":%d,"occurredAt":"%s","properties":{"genres":["G%d"]},
                     "context":{"userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"}}""".formatted(subject, items[i], 1 + (i % 5), at.plusSeconds(i), i % 3));
        }
        json.append(",{\"type\":\"text\",\"subjectId\":\"")
                .append(subject)
                .append("\",\"text\":\"I really love this shop, great service!\",")
                .append("\"occurredAt\":\"")
                .append(at.plusSeconds(items.length))
                .append("\"}]}");
        Api.Reply r = api.postEvent(secretKey, json.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    private JsonObject identify(String secretKey, String json) {
        Api.Reply r = api.postWithKey(secretKey, "/api/v1/identify", json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().asJsonObject();
    }

    /** What a merge may change and an unmerge must restore: identifiers' persons, live persons, profiles. */
    private Map<String, Object> state(String siteId, String... subjects) throws Exception {
        Map<String, Object> state = new TreeMap<>();
        state.put(
                "identifiers",
                rows(
                        "SELECT id, kind, person_id FROM identity.identifier WHERE site_id = ?::uuid ORDER BY id",
                        siteId));
        state.put(
                "persons",
                rows(
                        "SELECT id, identifiers, shared_device, created_at FROM identity.person WHERE site_id = ?::uuid "
                                + "AND merged_into IS NULL ORDER BY id",
                        siteId));
        for (String s : subjects) {
            JsonObject p = get("/api/v1/admin/profiles?site=" + siteId + "&subject=" + s)
                    .json()
                    .asJsonObject();
            state.put(
                    "profile " + s,
                    List.of(
                            p.getString("subject"),
                            p.getJsonNumber("events").longValue(),
                            p.getString("firstSeen"),
                            p.getString("lastSeen"),
                            p.getInt("ratings"),
                            p.get("averageRating").toString(),
                            keys(p.getJsonArray("items")),
                            keys(p.getJsonArray("attributes"))));
        }
        return state;
    }

    private static String keys(JsonArray scores) {
        return scores.stream()
                .map(v -> v.asJsonObject().getString("key") + ":"
                        + v.asJsonObject().getInt("events"))
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static List<String> rows(String sql, Object... args) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }

    @Test
    void a_merge_then_its_unmerge_restores_the_previous_state_exactly() throws Exception {
        JsonObject site = api.createSite("Identity " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String key = site.getString("secretKey");
        String laptop = "laptop-" + UUID.randomUUID();
        String phone = "phone-" + UUID.randomUUID();
        events(key, laptop, "a", "b", "c");
        events(key, phone, "d", "e");
        await("/api/v1/admin/profiles?site=" + siteId + "&subject=" + laptop, p -> p.getInt("events") == 4);
        await("/api/v1/admin/profiles?site=" + siteId + "&subject=" + phone, p -> p.getInt("events") == 3);
        JsonObject person = identify(
                key,
                "{\"subjectId\":\"" + laptop + "\",\"userId\":\"u-42\",\"traits\":{\"email\":\"Ann@Example.com \"}}");
        assertThat(person.getInt("identifiers")).isEqualTo(3);
        JsonObject phonePerson =
                identify(key, "{\"subjectId\":\"" + phone + "\",\"traits\":{\"deviceId\":\"pixel-" + phone + "\"}}");
        assertThat(phonePerson.getInt("identifiers")).isEqualTo(2);
        Map<String, Object> before = state(siteId, laptop, phone);

        // the phone logs in as the same user: one person, one profile from both devices' events
        JsonObject merged = identify(key, "{\"subjectId\":\"" + phone + "\",\"userId\":\"u-42\"}");
        assertThat(merged.getString("id")).isEqualTo(person.getString("id"));
        assertThat(merged.getInt("identifiers")).isEqualTo(5);
        assertThat(merged.getJsonArray("subjects").getValuesAs(JsonString::getString))
                .containsExactly(laptop, phone);
        JsonObject mergedProfile =
                await("/api/v1/admin/profiles?site=" + siteId + "&subject=" + phone, p -> p.getInt("events") == 7);
        assertThat(mergedProfile.getString("subject")).isEqualTo(laptop);
        JsonObject byEmail = get("/api/v1/admin/identity/lookup?site=" + siteId + "&kind=email&value=ann@example.com")
                .json()
                .asJsonObject();
        assertThat(byEmail.getString("id")).isEqualTo(person.getString("id"));

        JsonObject graph = get("/api/v1/admin/identity/persons/" + person.getString("id"))
                .json()
                .asJsonObject();
        assertThat(graph.getJsonArray("identifiers")).hasSize(5);
        assertThat(graph.getJsonArray("identifiers").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("hint"))
                .contains("an…@example.com")
                .noneMatch(h -> h.contains("ann@"));
        long phoneNode = graph.getJsonArray("identifiers").getValuesAs(JsonObject.class).stream()
                .filter(i -> phone.equals(i.isNull("subject") ? null : i.getString("subject")))
                .findFirst()
                .orElseThrow()
                .getInt("id");
        long userNode = graph.getJsonArray("identifiers").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("kind").equals("user"))
                .findFirst()
                .orElseThrow()
                .getInt("id");
        JsonObject link = graph.getJsonArray("links").getValuesAs(JsonObject.class).stream()
                .filter(l -> Math.min(l.getInt("a"), l.getInt("b")) == Math.min(phoneNode, userNode)
                        && Math.max(l.getInt("a"), l.getInt("b")) == Math.max(phoneNode, userNode))
                .findFirst()
                .orElseThrow();
        assertThat(graph.getJsonArray("history").getValuesAs(JsonObject.class))
                .extracting(h -> h.getString("action"))
                .contains("merge");

        Api.Reply unmerged = post(
                "/api/v1/admin/identity/unmerge", "{\"siteId\":\"" + siteId + "\",\"link\":" + link.getInt("id") + "}");
        assertThat(unmerged.status()).as(unmerged.body()).isEqualTo(200);
        assertThat(unmerged.json().asJsonObject().getJsonArray("persons").getValuesAs(JsonObject.class))
                .extracting(p -> p.getString("id"))
                .containsExactly(person.getString("id"), phonePerson.getString("id"));
        await(
                "/api/v1/admin/profiles?site=" + siteId + "&subject=" + phone,
                p -> p.getInt("events") == 3 && p.getString("subject").equals(phone));
        await("/api/v1/admin/profiles?site=" + siteId + "&subject=" + laptop, p -> p.getInt("events") == 4);
        assertThat(state(siteId, laptop, phone)).isEqualTo(before);

        Api.Reply again = post(
                "/api/v1/admin/identity/unmerge", "{\"siteId\":\"" + siteId + "\",\"link\":" + link.getInt("id") + "}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        JsonObject history = get("/api/v1/admin/identity/persons/" + person.getString("id"))
                .json()
                .asJsonObject();
        assertThat(history.getJsonArray("history").getValuesAs(JsonObject.class))
                .extracting(h -> h.getString("action"))
                .contains("merge", "unmerge");
        assertThat(rows(
                        "SELECT count(*) FROM platform.audit_entry WHERE action IN ('identity.merge', 'identity.unmerge') AND target = ?",
                        person.getString("id")))
                .containsExactly("2"); // the phone's merge and its unmerge (added identifiers are no merges)
    }

    @Test
    void a_withdrawal_by_one_subject_of_a_person_applies_to_all_its_subjects_in_a_batch() {
        JsonObject site = api.createSite("Identity consent " + UUID.randomUUID(), "implied");
        String key = site.getString("secretKey");
        String laptop = "laptop-" + UUID.randomUUID();
        String phone = "phone-" + UUID.randomUUID();
        String stranger = "stranger-" + UUID.randomUUID();
        identify(key, "{\"subjectId\":\"" + laptop + "\",\"userId\":\"dana\"}");
        identify(key, "{\"subjectId\":\"" + phone + "\",\"userId\":\"dana\"}");
        String batch = "{\"events\":[{\"type\":\"nps\",\"subjectId\":\"" + phone + "\",\"value\":9},"
                + "{\"type\":\"nps\",\"subjectId\":\"" + stranger + "\",\"value\":7},"
                + "{\"type\":\"nps\",\"subjectId\":\"" + laptop + "\",\"value\":8}]}";
        assertThat(statuses(api.postEvent(key, batch))).containsExactly("accepted", "accepted", "accepted");

        Api.Reply withdrawn =
                api.postConsent(key, "{\"subjectId\":\"" + laptop + "\",\"purposes\":{\"analytics\":false}}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);

        // the phone never withdrew anything, but it is the same person as the laptop
        assertThat(statuses(api.postEvent(key, batch))).containsExactly("anonymized", "accepted", "anonymized");
    }

    private static List<String> statuses(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        return reply.json().asJsonObject().getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("status"))
                .toList();
    }

    @Test
    void two_user_ids_never_merge_and_bad_input_changes_nothing() throws Exception {
        JsonObject site = api.createSite("Identity conflicts " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String key = site.getString("secretKey");
        String shared = "kiosk-" + UUID.randomUUID();
        JsonObject ann = identify(key, "{\"subjectId\":\"" + shared + "\",\"userId\":\"ann\"}");
        JsonObject afterBob = identify(key, "{\"subjectId\":\"" + shared + "\",\"userId\":\"bob\"}");
        assertThat(afterBob.getString("id")).isEqualTo(ann.getString("id"));
        assertThat(afterBob.getInt("identifiers")).isEqualTo(2); // bob stays a person of his own
        JsonObject conflicts =
                get("/api/v1/admin/identity/conflicts?site=" + siteId).json().asJsonObject();
        assertThat(conflicts.getJsonArray("conflicts").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("kind"))
                .containsExactly("user_ids");
        List<String> snapshot =
                rows("SELECT id, person_id FROM identity.identifier WHERE site_id = ?::uuid ORDER BY id", siteId);

        Api.Reply twoUsers = api.postWithKey(
                key,
                "/api/v1/alias",
                "{\"a\":{\"kind\":\"user\",\"value\":\"ann\"},\"b\":{\"kind\":\"user\",\"value\":\"bob\"}}");
        assertThat(twoUsers.status()).as(twoUsers.body()).isEqualTo(409);
        assertThat(twoUsers.contentType()).startsWith("application/problem+json");
        Api.Reply self = api.postWithKey(
                key,
                "/api/v1/alias",
                "{\"a\":{\"kind\":\"email\",\"value\":\"x@y.org\"},\"b\":{\"kind\":\"email\",\"value\":\" X@Y.org\"}}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.problemFields()).containsExactly("b");
        Api.Reply malformed = api.postWithKey(
                key,
                "/api/v1/alias",
                "{\"a\":{\"kind\":\"email\",\"value\":\"not-an-email\"},\"b\":{\"kind\":\"phone\",\"value\":\"12\"},\"confidence\":2}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.problemFields()).containsExactlyInAnyOrder("a/value", "b/value", "confidence");
        Api.Reply kind = api.postWithKey(
                key,
                "/api/v1/alias",
                "{\"a\":{\"kind\":\"passport\",\"value\":\"1\"},\"b\":{\"kind\":\"user\",\"value\":\"ann\"}}");
        assertThat(kind.problemFields()).containsExactly("a/kind");
        Api.Reply missing =
                api.postWithKey(key, "/api/v1/identify", "{\"userId\":\"ann\",\"traits\":{\"email\":\"nope\"}}");
        assertThat(missing.problemFields()).containsExactlyInAnyOrder("subjectId", "traits/email");
        Api.Reply noKey = api.postWithKey("sk_unknown", "/api/v1/identify", "{\"subjectId\":\"x\"}");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(get("/api/v1/admin/identity/lookup?site=" + siteId + "&kind=user&value=carol")
                        .status())
                .isEqualTo(404);
        assertThat(post("/api/v1/admin/identity/unmerge", "{\"siteId\":\"" + siteId + "\",\"link\":999999999}")
                        .status())
                .isEqualTo(404);
        Api.Reply unknownPerson = post(
                "/api/v1/admin/identity/merge",
                "{\"siteId\":\"" + siteId + "\",\"a\":\"" + UUID.randomUUID() + "\",\"b\":\"" + ann.getString("id")
                        + "\"}");
        assertThat(unknownPerson.problemFields()).containsExactly("a");
        JsonObject bob = get("/api/v1/admin/identity/lookup?site=" + siteId + "&kind=user&value=bob")
                .json()
                .asJsonObject();
        Api.Reply byHand = post(
                "/api/v1/admin/identity/merge",
                "{\"siteId\":\"" + siteId + "\",\"a\":\"" + bob.getString("id") + "\",\"b\":\"" + ann.getString("id")
                        + "\"}");
        assertThat(byHand.status()).as(byHand.body()).isEqualTo(409);
        assertThat(rows("SELECT id, person_id FROM identity.identifier WHERE site_id = ?::uuid ORDER BY id", siteId))
                .isEqualTo(snapshot);
    }

    @Test
    void an_export_holds_everything_and_an_erasure_leaves_nothing_in_any_module() throws Exception {
        JsonObject site = api.createSite("Identity erasure " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String key = site.getString("secretKey");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String laptop = "erase-laptop-" + tag;
        String phone = "erase-phone-" + tag;
        String other = "keep-" + tag;
        events(key, laptop, "a", "b");
        events(key, phone, "c");
        events(key, other, "a");
        assertThat(api.postConsent(
                                key,
                                "{\"subjectId\":\"" + phone
                                        + "\",\"purposes\":{\"marketing\":true},\"policyVersion\":\"v1\"}")
                        .status())
                .isLessThan(300);
        identify(
                key,
                "{\"subjectId\":\"" + laptop + "\",\"userId\":\"user-" + tag + "\",\"traits\":{\"email\":\"erase-" + tag
                        + "@example.com\"}}");
        JsonObject person = identify(
                key,
                "{\"subjectId\":\"" + phone + "\",\"userId\":\"user-" + tag
                        + "\",\"traits\":{\"phone\":\"+49 170 1234567\"}}");
        await("/api/v1/admin/profiles?site=" + siteId + "&subject=" + laptop, p -> p.getInt("events") == 5);
        await("/api/v1/admin/profiles?site=" + siteId + "&subject=" + other, p -> p.getInt("events") == 2);
        String personId = person.getString("id");

        Api.Reply export = post(
                "/api/v1/admin/privacy/requests",
                "{\"siteId\":\"" + siteId + "\",\"personId\":\"" + personId + "\",\"kind\":\"export\",\"now\":true}");
        assertThat(export.status()).as(export.body()).isEqualTo(201);
        JsonObject exported = export.json().asJsonObject();
        assertThat(exported.getString("status")).as(exported.toString()).isEqualTo("done");
        JsonObject doc = get("/api/v1/admin/privacy/requests/" + exported.getString("id") + "/document")
                .json()
                .asJsonObject();
        assertThat(doc.getJsonObject("identity").getJsonArray("identifiers").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("value"))
                .contains(laptop, phone, "user-" + tag, "erase-" + tag + "@example.com", "+491701234567");
        assertThat(doc.getJsonObject("feedback").getJsonArray("events")).hasSize(5);
        assertThat(doc.getJsonObject("feedback").getJsonArray("consent")).isNotEmpty();
        assertThat(doc.getJsonObject("personalization").getJsonArray("profile")).hasSize(1);
        assertThat(doc.getJsonObject("personalization").getJsonArray("enrichments"))
                .hasSize(5);

        Api.Reply erasure = post(
                "/api/v1/admin/privacy/requests",
                "{\"siteId\":\"" + siteId + "\",\"personId\":\"" + personId + "\",\"kind\":\"erasure\",\"now\":true}");
        assertThat(erasure.status()).as(erasure.body()).isEqualTo(201);
        JsonObject receipt = erasure.json().asJsonObject();
        assertThat(receipt.getString("status")).as(receipt.toString()).isEqualTo("done");
        JsonObject modules = receipt.getJsonObject("receipt").getJsonObject("modules");
        assertThat(modules.getJsonObject("feedback").getInt("events")).isEqualTo(5);
        assertThat(modules.getJsonObject("personalization").getInt("profile")).isEqualTo(1);
        assertThat(modules.getJsonObject("identity").getInt("identifiers")).isEqualTo(5);
        assertThat(receipt.getJsonObject("receipt").getInt("rowsDeleted")).isGreaterThan(15);

        // nothing about the person in any row of any module's table; the other visitor is untouched
        List<String> tables = rows("""
                SELECT table_schema || '.' || table_name FROM information_schema.tables
                 WHERE table_schema IN ('feedback', 'identity', 'personalization') AND table_type = 'BASE TABLE'""");
        List<String> holding = new ArrayList<>();
        for (String table : tables) {
            String where = "t::text LIKE '%erase-%" + tag + "%' OR t::text LIKE '%user-" + tag + "%'";
            if (!table.equals("identity.privacy_request")) {
                where += " OR t::text LIKE '%" + personId + "%'";
            }
            String n =
                    rows("SELECT count(*) FROM " + table + " t WHERE " + where).get(0);
            if (!n.equals("0")) {
                holding.add(table + "=" + n);
            }
        }
        assertThat(holding).as("tables still holding the person").isEmpty();
        assertThat(rows("SELECT count(*) FROM identity.identifier WHERE site_id = ?::uuid", siteId))
                .containsExactly("0");
        assertThat(rows(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ?",
                        siteId,
                        other))
                .containsExactly("2");
        assertThat(get("/api/v1/admin/profiles?site=" + siteId + "&subject=" + laptop)
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/admin/profiles?site=" + siteId + "&subject=" + other)
                        .status())
                .isEqualTo(200);
        assertThat(get("/api/v1/admin/identity/lookup?site=" + siteId + "&kind=email&value=erase-" + tag
                                + "@example.com")
                        .status())
                .isEqualTo(404);
        JsonArray requests = get("/api/v1/admin/privacy/requests?site=" + siteId)
                .json()
                .asJsonObject()
                .getJsonArray("requests");
        assertThat(requests.getValuesAs(JsonObject.class))
                .extracting(r -> r.getString("kind") + ":" + r.getString("status"))
                .containsExactlyInAnyOrder("export:done", "erasure:done");
        assertThat(requests.getValuesAs(JsonObject.class)).allMatch(r -> r.get("receipt") != JsonValue.NULL);
    }
}
