package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Dashboard KPIs through the admin API: posted events show up in the rollups, totals and breakdowns agree. */
@AttuneIT
class KpisIT {
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private static final String DESKTOP =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    @Test
    void events_roll_up_into_kpis_with_device_and_language_breakdowns() throws Exception {
        JsonObject site = api.createSite("KPIs " + UUID.randomUUID(), "implied");
        String key = site.getString("secretKey");
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES);
        String mobile = "{\"userAgent\":\"" + IPHONE + "\",\"locale\":\"de-DE\"}";
        String desktop = "{\"userAgent\":\"" + DESKTOP + "\",\"locale\":\"en-US\"}";
        Api.Reply segment =
                api.adminPost(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/segments", """
                {"siteId":"%s","key":"buyers","name":"Buyers","rule":{"events":{"type":"purchase","withinHours":24},"op":">","value":0}}""".formatted(
                                site.getString("id")));
        assertThat(segment.status()).as(segment.body()).isEqualTo(201);
        Api.Reply r = api.postEvent(key, """
                {"events":[
                 {"type":"page_view","subjectId":"k1","occurredAt":"%1$s","context":%2$s},
                 {"type":"page_view","subjectId":"k2","occurredAt":"%1$s","context":%3$s},
                 {"type":"page_view","subjectId":"k3","occurredAt":"%1$s","context":%3$s},
                 {"type":"page_view","subjectId":"k4","occurredAt":"%1$s","context":%3$s},
                 {"type":"rating","subjectId":"k1","itemId":"a","value":5,"occurredAt":"%1$s","context":%2$s},
                 {"type":"rating","subjectId":"k2","itemId":"a","value":2,"occurredAt":"%1$s","context":%3$s},
                 {"type":"nps","subjectId":"k1","value":10,"occurredAt":"%1$s","context":%2$s},
                 {"type":"nps","subjectId":"k2","value":3,"occurredAt":"%1$s","context":%3$s},
                 {"type":"nps","subjectId":"k3","value":8,"occurredAt":"%1$s","context":%3$s},
                 {"type":"csat","subjectId":"k3","value":5,"occurredAt":"%1$s","context":%3$s},
                 {"type":"purchase","subjectId":"k4","itemId":"a","value":40,"occurredAt":"%1$s","context":%3$s}]}""".formatted(at, mobile, desktop));
        assertThat(r.status()).as(r.body()).isEqualTo(202);

        String path = "/api/v1/admin/kpis?site=" + site.getString("id") + "&bucket=minute&from="
                + at.minus(1, ChronoUnit.HOURS);
        JsonObject kpis = null;
        for (int i = 0; i < 100; i++) {
            kpis = api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path)
                    .json()
                    .asJsonObject();
            if (kpis.getJsonObject("totals").getInt("events") == 11
                    && kpis.getJsonObject("bySegment").values().stream()
                                    .mapToInt(v -> v.asJsonObject().getInt("events"))
                                    .sum()
                            == 11) {
                break;
            }
            Thread.sleep(200);
        }
        JsonObject totals = kpis.getJsonObject("totals");
        assertThat(totals.getInt("events")).isEqualTo(11);
        assertThat(totals.getInt("pageViews")).isEqualTo(4);
        assertThat(totals.getJsonNumber("averageRating").doubleValue()).isCloseTo(3.5, within(1e-9));
        assertThat(totals.getJsonNumber("nps").doubleValue())
                .isCloseTo(0.0, within(1e-9)); // 1 promoter, 1 passive, 1 detractor
        assertThat(totals.getJsonNumber("interactionRate").doubleValue()).isCloseTo(6 / 4.0, within(1e-9));
        assertThat(totals.getJsonNumber("revenue").doubleValue()).isCloseTo(40, within(1e-9));
        assertThat(kpis.getJsonObject("byDevice").getJsonObject("mobile").getInt("events"))
                .isEqualTo(3);
        assertThat(kpis.getJsonObject("byDevice").getJsonObject("desktop").getInt("events"))
                .isEqualTo(8);
        assertThat(kpis.getJsonObject("byLocale")
                        .getJsonObject("de")
                        .getJsonNumber("averageRating")
                        .doubleValue())
                .isCloseTo(5, within(1e-9));
        assertThat(kpis.getJsonArray("series")).hasSize(1);
        // by segment: the buyer's purchase counts in the segment it put them in; every other event in none
        JsonObject bySegment = kpis.getJsonObject("bySegment");
        assertThat(bySegment.getJsonObject("buyers").getInt("purchases")).isEqualTo(1);
        assertThat(bySegment.getJsonObject("buyers").getJsonNumber("revenue").doubleValue())
                .isCloseTo(40, within(1e-9));
        assertThat(bySegment.getJsonObject("(none)").getInt("ratings")).isEqualTo(2);
        assertThat(bySegment.values().stream()
                        .mapToInt(v -> v.asJsonObject().getInt("events"))
                        .sum())
                .isEqualTo(11);
        Api.Reply bad = api.adminGet(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/kpis?site=" + site.getString("id") + "&bucket=week");
        assertThat(bad.problemFields()).containsExactly("bucket");
    }

    @Test
    void an_events_lineage_shows_what_was_derived_from_it() throws Exception {
        JsonObject site = api.createSite("Lineage " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String eventId = UUID.randomUUID().toString();
        assertThat(api.postEvent(site.getString("secretKey"), """
                {"id":"%s","type":"text","subjectId":"lin-1","itemId":"boots","text":"I love these boots, great grip!"}""".formatted(eventId))
                        .status())
                .isEqualTo(202);
        JsonObject lineage = null;
        for (int i = 0; i < 100; i++) {
            Api.Reply r = api.adminGet(
                    TestServer.ADMIN_USER,
                    TestServer.ADMIN_PASSWORD,
                    "/api/v1/admin/lineage/events/" + eventId + "?site=" + siteId);
            if (r.status() == 200
                    && r.json().asJsonObject().getJsonArray("derived").size() >= 2) {
                lineage = r.json().asJsonObject();
                break;
            }
            Thread.sleep(200);
        }
        assertThat(lineage).isNotNull();
        assertThat(lineage.getString("person")).isEqualTo("lin-1");
        assertThat(lineage.getJsonArray("derived").getValuesAs(JsonObject.class))
                .extracting(d -> d.getString("kind"))
                .contains("enrichment", "profile");
        assertThat(lineage.getJsonArray("derived").getValuesAs(JsonObject.class).stream()
                        .filter(d -> d.getString("kind").equals("enrichment"))
                        .findFirst()
                        .orElseThrow()
                        .getString("what"))
                .contains("language en")
                .contains("sentiment 0.");
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/lineage/events/" + UUID.randomUUID() + "?site=" + siteId)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void a_persons_lineage_shows_identifiers_events_consents_and_profile() throws Exception {
        JsonObject site = api.createSite("Person lineage " + UUID.randomUUID(), "explicit");
        String siteId = site.getString("id");
        String key = site.getString("secretKey");
        for (String subject : new String[] {"pl-laptop", "pl-phone"}) {
            assertThat(api.postConsent(
                                    key,
                                    "{\"subjectId\":\"" + subject
                                            + "\",\"purposes\":{\"analytics\":true,\"personalization\":true},"
                                            + "\"policyVersion\":\"v3\"}")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(api.postEvent(
                                key,
                                "{\"id\":\"" + UUID.randomUUID()
                                        + "\",\"type\":\"rating\",\"subjectId\":\"pl-laptop\",\"itemId\":\"tent\",\"value\":5}")
                        .status())
                .isEqualTo(202);
        assertThat(api.postEvent(
                                key,
                                "{\"id\":\"" + UUID.randomUUID()
                                        + "\",\"type\":\"page_view\",\"subjectId\":\"pl-phone\",\"itemId\":\"stove\"}")
                        .status())
                .isEqualTo(202);
        assertThat(api.postWithKey(
                                key,
                                "/api/v1/identify",
                                "{\"subjectId\":\"pl-laptop\",\"userId\":\"pl-cust\",\"traits\":{\"email\":\"pl@example.org\"}}")
                        .status())
                .isEqualTo(200);
        assertThat(api.postWithKey(key, "/api/v1/identify", "{\"subjectId\":\"pl-phone\",\"userId\":\"pl-cust\"}")
                        .status())
                .isEqualTo(200);

        JsonObject lineage = null;
        for (int i = 0; i < 100 && lineage == null; i++) {
            Api.Reply r = api.adminGet(
                    TestServer.ADMIN_USER,
                    TestServer.ADMIN_PASSWORD,
                    "/api/v1/admin/lineage/persons/pl-phone?site=" + siteId);
            if (r.status() == 200
                    && r.json().asJsonObject().getJsonArray("events").size() == 2
                    && r.json().asJsonObject().containsKey("profile")) {
                lineage = r.json().asJsonObject();
            } else {
                Thread.sleep(200);
            }
        }
        assertThat(lineage)
                .as("the person's lineage with both devices' events and the profile")
                .isNotNull();
        assertThat(lineage.getString("person"))
                .isEqualTo("pl-laptop"); // the oldest anonymous subject keys the merged person
        assertThat(lineage.getJsonArray("identifiers").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("kind"))
                .contains("anonymous", "user", "email");
        assertThat(lineage.getJsonArray("identifiers").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("hint"))
                .doesNotContain("pl@example.org"); // clear values are never shown
        assertThat(lineage.getJsonArray("events").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("subject") + "/" + e.getString("type"))
                .containsExactlyInAnyOrder("pl-laptop/rating", "pl-phone/page_view");
        assertThat(lineage.getJsonArray("consents").getValuesAs(JsonObject.class))
                .extracting(c -> c.getString("subject") + "/" + c.getString("purpose"))
                .contains("pl-laptop/analytics", "pl-phone/personalization");
        assertThat(lineage.getJsonArray("consents").getValuesAs(JsonObject.class))
                .allSatisfy(c -> assertThat(c.getString("policyVersion")).isEqualTo("v3"));
        assertThat(lineage.getJsonObject("profile").getInt("events")).isEqualTo(2);

        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/lineage/persons/nobody-" + UUID.randomUUID() + "?site=" + siteId)
                        .status())
                .isEqualTo(404);
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/audit?action=lineage.person&target=pl-phone")
                        .body())
                .contains("lineage.person");
    }
}
