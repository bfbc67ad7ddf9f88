package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Recommendations end to end: the catalog API (partial failure per item), models fitted from live profiles, answers
 * with explanations that leave out consumed, disliked and unavailable items, a rating that changes the list pushed to
 * the open widget, a bandit slot that logs propensities and learns from a click, and clear errors for bad input.
 */
@AttuneIT
class RecommendationsIT {
    private static final String ORIGIN = "https://shop.example.com";
    private static final String[] SCIFI = {"alien", "arrival", "blade-runner", "dune", "interstellar", "solaris"};
    private static final String[] DRAMA = {"amelie", "casablanca", "moonlight", "parasite", "roma", "whiplash"};

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private JsonObject adminGet(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path)
                .json()
                .asJsonObject();
    }

    private static List<String> ids(JsonObject list) {
        return list.getJsonArray("items").stream()
                .map(i -> i.asJsonObject().getString("id"))
                .toList();
    }

    private static JsonObject next(CollectSocketIT.Client socket, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            JsonObject m = socket.poll(Duration.between(Instant.now(), deadline));
            if (m != null && "recommendations".equals(m.getString("type", ""))) {
                return m;
            }
        }
        return null;
    }

    @Test
    void the_loop_from_catalog_and_feedback_to_explained_recommendations_pushed_live() throws Exception {
        JsonObject site = api.createSite("Recommendations " + UUID.randomUUID(), "implied", ORIGIN);
        String siteId = site.getString("id");
        String key = site.getString("secretKey");

        // the catalog: good items stored, bad ones refused each with its reason
        StringBuilder items = new StringBuilder();
        for (String id : SCIFI) {
            items.append("{\"id\":\"")
                    .append(id)
                    .append("\",\"title\":\"")
                    .append(id.toUpperCase())
                    .append("\",\"categories\":[\"Sci-Fi\"],\"price\":9.99},");
        }
        for (String id : DRAMA) {
            items.append("{\"id\":\"")
                    .append(id)
                    .append("\",\"title\":\"")
                    .append(id.toUpperCase())
                    .append("\",\"categories\":[\"Drama\"]")
                    .append(id.equals("roma") ? ",\"available\":false" : "")
                    .append("},");
        }
        items.append("{\"id\":\"cheap\",\"title\":\"Cheap\",\"price\":-1},{\"id\":\"nameless\"}");
        Api.Reply put = api.putItems(key, "{\"items\":[" + items + "]}");
        assertThat(put.status()).as(put.body()).isEqualTo(207);
        JsonObject putJson = put.json().asJsonObject();
        assertThat(putJson.getInt("stored")).isEqualTo(12);
        JsonArray results = putJson.getJsonArray("results");
        assertThat(results.getJsonObject(12)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("items/12/price");
        assertThat(results.getJsonObject(13)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("items/13/title");
        Api.Reply none = api.putItems(key, "{\"items\":[\"not an item\",{\"id\":\"nameless\"}]}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.problemFields()).containsExactly("items/0", "items/1/title");
        assertThat(api.putItems("sk_nope", "{\"items\":[{\"id\":\"x\",\"title\":\"x\"}]}")
                        .status())
                .isEqualTo(401);
        assertThat(adminGet("/api/v1/admin/items?site=" + siteId + "&q=dun").getJsonArray("items"))
                .hasSize(1);

        // 40 people: sci-fi fans view sci-fi, drama fans view drama (and everybody the odd other one)
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 40; p++) {
            String[] own = p % 2 == 0 ? SCIFI : DRAMA;
            for (int k = 0; k < 4; k++) {
                events.append("{\"type\":\"page_view\",\"subjectId\":\"p")
                        .append(p)
                        .append("\",\"itemId\":\"")
                        .append(own[(p / 2 + k) % own.length])
                        .append("\"},");
            }
        }
        events.setLength(events.length() - 1);
        assertThat(api.postEvent(key, "{\"events\":[" + events + "]}").status()).isEqualTo(202);
        // a newcomer who looked at two sci-fi films
        assertThat(api.postEvent(key, """
                {"events":[{"type":"page_view","subjectId":"zoe","itemId":"alien"},{"type":"page_view","subjectId":"zoe","itemId":"dune"}]}""").status()).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && adminGet("/api/v1/admin/profiles?site=" + siteId + "&limit=100")
                                .getJsonArray("profiles")
                                .size()
                        < 41) {
            Thread.sleep(300);
        }
        JsonObject models = api.adminPost(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/recommendations/refit?site=" + siteId,
                        "")
                .json()
                .asJsonObject();
        assertThat(models.getInt("version")).isGreaterThanOrEqualTo(1);
        assertThat(models.getInt("people")).isEqualTo(41);
        assertThat(models.getJsonObject("fitMillis").keySet())
                .contains("ease", "item_knn", "als", "hybrid", "popular", "content");

        JsonObject zoe = api.getWithKey(key, "/api/v1/recommendations?slot=home&person=zoe&n=4")
                .json()
                .asJsonObject();
        assertThat(zoe.getString("strategy")).isEqualTo("hybrid");
        assertThat(ids(zoe))
                .hasSize(4)
                .doesNotContain("alien", "dune", "roma")
                .allMatch(id -> List.of(SCIFI).contains(id));
        assertThat(zoe.getJsonArray("items").getJsonObject(0).getString("reason"))
                .matches("because you liked (ALIEN|DUNE)");

        // zoe opens the page: her slot is filled; she loves a drama and hates a sci-fi film: a changed list arrives
        CollectSocketIT.Client socket = CollectSocketIT.connect(site.getString("publicKey"), ORIGIN);
        socket.send(
                "{\"type\":\"hello\",\"subjectId\":\"zoe\",\"url\":\"https://shop.example.com/\",\"slots\":[\"home\"]}");
        JsonObject first = next(socket, Duration.ofSeconds(15));
        assertThat(first).isNotNull();
        assertThat(first.getString("listId")).isNotBlank();
        String hated = ids(first).get(0);
        assertThat(api.postEvent(
                                key,
                                "{\"type\":\"rating\",\"subjectId\":\"zoe\",\"itemId\":\"" + hated + "\",\"value\":1}")
                        .status())
                .isEqualTo(202);
        JsonObject afterDislike = next(socket, Duration.ofSeconds(15));
        assertThat(afterDislike).as("a new list after the rating").isNotNull();
        assertThat(ids(afterDislike)).doesNotContain(hated);
        for (String drama : new String[] {"amelie", "casablanca", "moonlight"}) {
            assertThat(api.postEvent(
                                    key,
                                    "{\"type\":\"rating\",\"subjectId\":\"zoe\",\"itemId\":\"" + drama
                                            + "\",\"value\":5}")
                            .status())
                    .isEqualTo(202);
        }
        JsonObject changed = null;
        for (int i = 0; i < 3 && (changed == null || ids(changed).stream().noneMatch(List.of(DRAMA)::contains)); i++) {
            changed = next(socket, Duration.ofSeconds(15));
        }
        assertThat(changed).isNotNull();
        assertThat(ids(changed))
                .as("drama fans' favourites come in")
                .anyMatch(List.of(DRAMA)::contains)
                .doesNotContain("roma", hated);
        socket.close();

        // a bandit slot: lists carry each item's propensity; a click on a listed item rewards its arm
        Api.Reply bad = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/recommendations/slots/side?site=" + siteId,
                "{\"strategy\":\"magic\",\"size\":0}");
        assertThat(bad.problemFields()).containsExactlyInAnyOrder("strategy", "size");
        assertThat(api.adminPut(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/recommendations/slots/side?site=" + siteId,
                                "{\"strategy\":\"bandit\",\"arms\":[\"hybrid\",\"popular\"],\"size\":3}")
                        .status())
                .isEqualTo(200);
        JsonObject banditList = api.getWithKey(key, "/api/v1/recommendations?slot=side&person=p3&device=mobile")
                .json()
                .asJsonObject();
        assertThat(banditList.getString("strategy")).startsWith("bandit/");
        assertThat(banditList.getJsonArray("items")).hasSize(3);
        assertThat(banditList
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonNumber("propensity")
                        .doubleValue())
                .isBetween(0.0, 1.0);
        String clicked = ids(banditList).get(0);
        assertThat(api.postEvent(key, "{\"type\":\"click\",\"subjectId\":\"p3\",\"itemId\":\"" + clicked + "\"}")
                        .status())
                .isEqualTo(202);
        deadline = Instant.now().plusSeconds(20);
        JsonArray arms;
        do {
            Thread.sleep(300);
            arms = adminGet("/api/v1/admin/recommendations/slots/side/arms?site=" + siteId)
                    .getJsonArray("arms");
        } while (Instant.now().isBefore(deadline)
                && arms.stream()
                                .mapToLong(a -> a.asJsonObject()
                                        .getJsonNumber("rewarded")
                                        .longValue())
                                .sum()
                        < 1);
        assertThat(arms.stream()
                        .filter(a -> a.asJsonObject().getString("context").equals("mobile"))
                        .mapToLong(
                                a -> a.asJsonObject().getJsonNumber("rewarded").longValue())
                        .sum())
                .isEqualTo(1);
        // off-policy: serving only the rewarded arm is estimated to earn more than nothing, from the logged propensity
        String rewardedArm = arms.stream()
                .map(a -> a.asJsonObject())
                .filter(a -> a.getJsonNumber("rewarded").longValue() == 1)
                .findFirst()
                .orElseThrow()
                .getString("arm");
        JsonArray estimates = adminGet("/api/v1/admin/recommendations/slots/side/off-policy?site=" + siteId)
                .getJsonArray("estimates");
        JsonObject estimate = estimates.stream()
                .map(e -> e.asJsonObject())
                .filter(e -> e.getString("arm").equals(rewardedArm))
                .findFirst()
                .orElseThrow();
        assertThat(estimate.getInt("lists")).isEqualTo(1);
        assertThat(estimate.getJsonNumber("ips").doubleValue()).isGreaterThan(0);
        assertThat(estimate.getJsonNumber("loggedRewardRate").doubleValue()).isEqualTo(1.0);

        // bad requests
        assertThat(api.getWithKey(key, "/api/v1/recommendations?slot=home&person=zoe&n=0")
                        .problemFields())
                .containsExactly("n");
        assertThat(api.getWithKey(key, "/api/v1/recommendations?person=zoe").problemFields())
                .containsExactly("slot");
        assertThat(api.getWithKey("sk_wrong", "/api/v1/recommendations?slot=home&person=zoe")
                        .status())
                .isEqualTo(401);
    }
}
