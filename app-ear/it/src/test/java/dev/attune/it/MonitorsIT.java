package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The monitors through the real APIs: a drop in ratings and a burst of events raise alerts. */
@AttuneIT
class MonitorsIT {

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private JsonObject awaitAlert(String siteId, String kind) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(40);
        while (Instant.now().isBefore(deadline)) {
            for (var a : api.adminGet(
                            TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/alerts?site=" + siteId)
                    .json()
                    .asJsonObject()
                    .getJsonArray("alerts")) {
                if (a.asJsonObject().getString("kind").equals(kind)) {
                    return a.asJsonObject();
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no " + kind + " alert for " + siteId);
    }

    @Test
    void ratings_that_turn_sour_raise_a_drift_alert() throws Exception {
        JsonObject site = api.createSite("Drift " + UUID.randomUUID(), "implied");
        Random random = new Random(8);
        for (int batch = 0; batch < 2; batch++) {
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < 250; i++) {
                int stars = batch == 0 ? (random.nextDouble() < 0.8 ? 5 : 4) : (random.nextDouble() < 0.7 ? 1 : 2);
                events.append(i == 0 ? "" : ",")
                        .append("{\"type\":\"rating\",\"subjectId\":\"r" + batch + "-" + i
                                + "\",\"itemId\":\"sku\",\"value\":" + stars + "}");
            }
            assertThat(api.postEvent(site.getString("secretKey"), "{\"events\":[" + events + "]}")
                            .status())
                    .isEqualTo(202);
        }
        JsonObject alert = awaitAlert(site.getString("id"), "rating_drift");
        assertThat(alert.getBoolean("increase")).isFalse();
        assertThat(alert.getJsonNumber("expected").doubleValue())
                .as("the average before")
                .isGreaterThan(4.6);
        assertThat(alert.getJsonNumber("value").doubleValue())
                .as("the average since")
                .isLessThan(4);
        assertThat(alert.getString("message")).contains("falling");
    }

    @Test
    void a_burst_of_events_after_a_quiet_spell_raises_a_rate_spike() throws Exception {
        JsonObject site = api.createSite("Rate " + UUID.randomUUID(), "implied");
        for (int i = 0; i < 6; i++) {
            assertThat(api.postEvent(
                                    site.getString("secretKey"),
                                    "{\"type\":\"page_view\",\"subjectId\":\"q" + i + "\"}")
                            .status())
                    .isEqualTo(202);
            Thread.sleep(2000);
        }
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            burst.append(i == 0 ? "" : ",").append("{\"type\":\"page_view\",\"subjectId\":\"b" + i + "\"}");
        }
        assertThat(api.postEvent(site.getString("secretKey"), "{\"events\":[" + burst + "]}")
                        .status())
                .isEqualTo(202);
        JsonObject alert = awaitAlert(site.getString("id"), "rate_spike");
        assertThat(alert.getJsonNumber("value").doubleValue()).isGreaterThanOrEqualTo(100);
    }
}
