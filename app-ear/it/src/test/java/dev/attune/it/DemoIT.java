package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attune.launcher.demo.DemoData;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo of {@code ./attune run --demo}, smaller: a month of 200 simulated visitors replayed through the public
 * APIs is accepted whole (no event refused as the APIs evolve), fills the experiments, the bandit slot, a segment and
 * the rule's firings, and a second replay stores nothing twice.
 */
@AttuneIT
class DemoIT {
    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private JsonObject get(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path)
                .json()
                .asJsonObject();
    }

    private String idOf(String list, String arrayName, String key) {
        return get(list).getJsonArray(arrayName).getValuesAs(JsonObject.class).stream()
                .filter(o -> key.equals(o.getString("key", "")))
                .findFirst()
                .orElseThrow()
                .getString("id");
    }

    @Test
    void a_replayed_month_fills_experiments_bandit_segments_and_rules_and_a_second_replay_stores_nothing_twice(
            @TempDir Path dir) throws Exception {
        DemoData demo = new DemoData(
                AttuneServerExtension.server().baseUrl(),
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                new DemoData.Sizes(200, 160, 3));
        Properties keys = demo.load(dir.resolve("demo-site.properties"));
        String site = keys.getProperty("siteId");

        DemoData.Replay first = demo.replay();
        assertThat(first.refused())
                .as("every simulated event passes the API's checks")
                .isZero();
        assertThat(first.duplicates()).isZero();
        assertThat(first.accepted()).as("a month of 200 visitors").isGreaterThan(2000);
        assertThat(first.anonymized())
                .as("the visitors who declined are counted anonymously")
                .isPositive();
        assertThat(first.assigned())
                .as("consenting visitors of today are in the experiments")
                .isBetween(120, 160);
        assertThat(first.apologies())
                .as("each detractor on an open page gets the rule's message")
                .isEqualTo(3);

        for (String experiment : new String[] {"hero-copy", "checkout-offer"}) {
            String id = idOf("/api/v1/admin/experiments?site=" + site, "experiments", experiment);
            long units = get("/api/v1/admin/experiments/" + id + "/results")
                    .getJsonArray("units")
                    .getValuesAs(JsonObject.class)
                    .stream()
                    .mapToLong(u -> u.getJsonNumber("units").longValue())
                    .sum();
            // a unit is a person: the 60 customers who signed in on two devices are one unit each
            assertThat(units)
                    .as(experiment + ": every assigned person is a unit")
                    .isBetween((long) first.assigned() - 60, (long) first.assigned());
        }
        String rule = idOf("/api/v1/admin/rules?site=" + site, "rules", "sorry-detractors");
        assertThat(get("/api/v1/admin/rules/" + rule + "/firings").getJsonArray("firings"))
                .hasSize(3);
        long served = get("/api/v1/admin/recommendations/slots/also/arms?site=" + site)
                .getJsonArray("arms")
                .getValuesAs(JsonObject.class)
                .stream()
                .mapToLong(a -> a.getJsonNumber("served").longValue())
                .sum();
        assertThat(served).as("the bandit slot served today's visitors").isPositive();
        String raters = idOf("/api/v1/admin/segments?site=" + site, "segments", "enthusiasts");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get("/api/v1/admin/segments/" + raters + "/members")
                                .getJsonArray("members"))
                        .isNotEmpty());

        DemoData.Replay again = demo.replay();
        assertThat(again.refused()).isZero();
        // the same seed gives the same event ids; only a click on a list the recommender showed differently is new
        assertThat(again.accepted()).as("stored again").isLessThanOrEqualTo(again.banditClicks());
        assertThat(again.duplicates()).isGreaterThanOrEqualTo(first.accepted() - first.banditClicks());
    }
}
