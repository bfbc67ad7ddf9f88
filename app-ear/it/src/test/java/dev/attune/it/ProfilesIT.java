package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Enrichment and live profiles through the real APIs: what each event tells, the profile, its rebuild, consent. */
@AttuneIT
class ProfilesIT {
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
            + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private Api.Reply get(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path);
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

    @Test
    void each_event_is_enriched_the_profile_follows_and_a_rebuild_gives_the_same_profile() throws Exception {
        JsonObject site = api.createSite("Profiles " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String secretKey = site.getString("secretKey");
        String pageView = UUID.randomUUID().toString();
        String english = UUID.randomUUID().toString();
        String german = UUID.randomUUID().toString();
        Instant at = Instant.now().minusSeconds(60);
        String context = """
                {"userAgent":"%s","timeZone":"Asia/Tokyo","url":"https://shop.example/p/boots?x=1","referrer":"https://www.google.com/",
                 "sessionId":"s-1","locale":"en-US"}""".formatted(IPHONE);
        Api.Reply sent = api.postEvent(secretKey, """
                {"events":[
                 {"id":"%s","type":"page_view","subjectId":"pat","itemId":"boots","occurredAt":"%s","context":%s,
                  "properties":{"genres":["Hiking","Outdoor"]}},
                 {"id":"%s","type":"text","subjectId":"pat","itemId":"boots","occurredAt":"%s","context":%s,
                  "text":"I absolutely love these boots, the grip is great!","properties":{"genres":["Hiking","Outdoor"]}},
                 {"id":"%s","type":"text","subjectId":"pat","itemId":"tent","occurredAt":"%s","context":%s,
                  "text":"Das Zelt war wirklich schlecht und viel zu teuer.","properties":{"genres":["Camping"]}},
                 {"type":"rating","subjectId":"pat","itemId":"tent","value":1,"occurredAt":"%s","properties":{"genres":["Camping"]}},
                 {"type":"nps","subjectId":"pat","value":9,"occurredAt":"%s"}]}""".formatted(
                        pageView,
                        at,
                        context,
                        english,
                        at.plusSeconds(5),
                        context,
                        german,
                        at.plusSeconds(10),
                        context,
                        at.plusSeconds(15),
                        at.plusSeconds(20)));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);

        JsonObject view = await("/api/v1/admin/enrichments?site=" + siteId + "&event=" + pageView, o -> true);
        assertThat(view.getString("deviceClass")).isEqualTo("mobile");
        assertThat(view.getString("os")).isEqualTo("iOS");
        assertThat(view.getString("browser")).isEqualTo("Safari");
        assertThat(view.getString("referrerClass")).isEqualTo("search");
        assertThat(view.getInt("sessionDepth")).isEqualTo(1);
        assertThat(view.getInt("localHour"))
                .isEqualTo(at.atZone(ZoneId.of("Asia/Tokyo")).getHour());
        JsonObject love = await("/api/v1/admin/enrichments?site=" + siteId + "&event=" + english, o -> true);
        assertThat(love.getString("language")).isEqualTo("eng");
        assertThat(love.getString("sentimentLabel")).isEqualTo("positive");
        assertThat(love.getJsonArray("keywords").toString()).contains("boots", "grip");
        JsonObject zelt = await("/api/v1/admin/enrichments?site=" + siteId + "&event=" + german, o -> true);
        assertThat(zelt.getString("language")).isEqualTo("deu");
        assertThat(zelt.getString("sentimentLabel")).as("not guessed").isEqualTo("unknown");
        assertThat(zelt.containsKey("sentiment")).isFalse();

        JsonObject profile =
                await("/api/v1/admin/profiles?site=" + siteId + "&subject=pat", p -> p.getInt("events") == 5);
        assertThat(profile.getJsonArray("items").getJsonObject(0).getString("key"))
                .isEqualTo("boots");
        assertThat(profile.getJsonArray("items").getJsonObject(1).getString("key"))
                .as("a one-star rating counts against")
                .isEqualTo("tent");
        assertThat(profile.getJsonArray("items")
                        .getJsonObject(1)
                        .getJsonNumber("score")
                        .doubleValue())
                .isNegative();
        assertThat(profile.getJsonArray("attributes").getJsonObject(0).getString("key"))
                .isIn("Hiking", "Outdoor");
        assertThat(profile.getString("npsClass")).isEqualTo("promoter");
        assertThat(profile.getJsonNumber("averageRating").doubleValue()).isEqualTo(1.0);
        assertThat(profile.getInt("sentimentTexts"))
                .as("only the English text has a sentiment")
                .isEqualTo(1);
        assertThat(profile.getJsonNumber("sentiment").doubleValue()).isPositive();
        assertThat(profile.getJsonObject("devices").getInt("mobile")).isEqualTo(3);

        Api.Reply rebuilt = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/profiles/rebuild?site=" + siteId + "&subject=pat",
                "{}");
        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        JsonObject again = rebuilt.json().asJsonObject();
        assertThat(again.getInt("events")).isEqualTo(5);
        assertThat(again.getJsonNumber("engagement").doubleValue())
                .isCloseTo(profile.getJsonNumber("engagement").doubleValue(), within(1e-9));
        for (String list : new String[] {"items", "attributes"}) {
            for (int i = 0; i < profile.getJsonArray(list).size(); i++) {
                JsonObject live = profile.getJsonArray(list).getJsonObject(i);
                JsonObject fresh = again.getJsonArray(list).getJsonObject(i);
                assertThat(fresh.getString("key")).isEqualTo(live.getString("key"));
                assertThat(fresh.getJsonNumber("score").doubleValue())
                        .isCloseTo(live.getJsonNumber("score").doubleValue(), within(1e-9));
            }
        }
        assertThat(again.getJsonNumber("sentiment").doubleValue())
                .isCloseTo(profile.getJsonNumber("sentiment").doubleValue(), within(1e-12));
        assertThat(get("/api/v1/admin/profiles?site=" + siteId)
                        .json()
                        .asJsonObject()
                        .getJsonArray("profiles")
                        .getJsonObject(0)
                        .getString("subject"))
                .isEqualTo("pat");
    }

    @Test
    void withdrawing_consent_clears_the_profile_and_analytics_withdrawal_the_enrichments_too() throws Exception {
        JsonObject site = api.createSite("Profile consent " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        String secretKey = site.getString("secretKey");
        assertThat(api.postEvent(secretKey, """
                {"events":[{"type":"page_view","subjectId":"quinn","itemId":"a","context":{"url":"https://shop.example/a"}},
                           {"type":"purchase","subjectId":"quinn","itemId":"a","value":10}]}""").status()).isEqualTo(202);
        await("/api/v1/admin/profiles?site=" + siteId + "&subject=quinn", p -> p.getInt("events") == 2);
        api.postConsent(secretKey, "{\"subjectId\":\"quinn\",\"purposes\":{\"personalization\":false}}");
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)
                && get("/api/v1/admin/profiles?site=" + siteId + "&subject=quinn")
                                .status()
                        != 404) {
            Thread.sleep(200);
        }
        assertThat(get("/api/v1/admin/profiles?site=" + siteId + "&subject=quinn")
                        .status())
                .isEqualTo(404);
        assertThat(api.postEvent(secretKey, "{\"type\":\"page_view\",\"subjectId\":\"quinn\",\"itemId\":\"b\"}")
                        .status())
                .isEqualTo(202);
        Thread.sleep(1500);
        assertThat(get("/api/v1/admin/profiles?site=" + siteId + "&subject=quinn")
                        .status())
                .as("no new profile without consent")
                .isEqualTo(404);
        assertThat(get("/api/v1/admin/enrichments?site=" + siteId + "&subject=quinn")
                        .json()
                        .asJsonObject()
                        .getJsonArray("enrichments"))
                .isNotEmpty();
        api.postConsent(secretKey, "{\"subjectId\":\"quinn\",\"purposes\":{\"analytics\":false}}");
        JsonObject none = await(
                "/api/v1/admin/enrichments?site=" + siteId + "&subject=quinn",
                o -> o.getJsonArray("enrichments").isEmpty());
        assertThat(none.getJsonArray("enrichments")).isEmpty();
    }
}
