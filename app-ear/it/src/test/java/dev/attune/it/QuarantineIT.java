package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.attune.it.Api.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The integrity screen end to end: suspicious events are acknowledged like any other but held in quarantine (never in
 * the event store, never published), listed for review, released or deleted (audited); retention removes old events.
 */
@AttuneIT
class QuarantineIT {
    private static final String ADMIN = TestServer.ADMIN_USER;
    private static final String PASSWORD = TestServer.ADMIN_PASSWORD;

    private Api api;
    private String secretKey;
    private String siteId;

    @BeforeEach
    void site() {
        api = new Api(AttuneServerExtension.server().baseUrl());
        JsonObject site = api.createSite("Integrity " + UUID.randomUUID(), "implied");
        secretKey = site.getString("secretKey");
        siteId = site.getString("id");
    }

    @Test
    void bots_and_honeypots_are_acknowledged_but_quarantined_then_released_or_deleted() throws SQLException {
        String human = UUID.randomUUID().toString();
        String crawler = UUID.randomUUID().toString();
        String formBot = UUID.randomUUID().toString();
        Reply reply = api.postEvent(
                secretKey,
                "{\"events\":["
                        + "{\"id\":\"" + human
                        + "\",\"type\":\"rating\",\"subjectId\":\"ann\",\"itemId\":\"tea\",\"value\":5,"
                        + "\"context\":{\"userAgent\":\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36\"}},"
                        + "{\"id\":\"" + crawler + "\",\"type\":\"page_view\",\"subjectId\":\"crawler-1\","
                        + "\"context\":{\"url\":\"https://shop.example.com/\",\"userAgent\":\"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)\"}},"
                        + "{\"id\":\"" + formBot
                        + "\",\"type\":\"text\",\"subjectId\":\"bot-2\",\"text\":\"Great site\",\"properties\":{\"_hp\":\"buy now\"}}"
                        + "]}");

        assertThat(reply.status()).isEqualTo(202);
        JsonArray results = reply.json().asJsonObject().getJsonArray("results");
        assertThat(results.getValuesAs(JsonObject.class))
                .allSatisfy(r -> assertThat(r.getString("status")).isEqualTo("accepted"));
        assertThat(count("SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "SELECT count(*) FROM feedback.quarantine WHERE site_id = ?::uuid AND reason = 'bot_user_agent'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM feedback.quarantine WHERE site_id = ?::uuid AND reason = 'honeypot'"))
                .isEqualTo(1);

        Reply resend = api.postEvent(
                secretKey,
                "{\"id\":\"" + crawler + "\",\"type\":\"page_view\",\"subjectId\":\"crawler-1\","
                        + "\"context\":{\"userAgent\":\"Googlebot/2.1\"}}");
        assertThat(resend.json().asJsonObject().getString("status"))
                .as("a retry of a quarantined event")
                .isEqualTo("duplicate");

        Reply listed = api.adminGet(ADMIN, PASSWORD, "/api/v1/admin/quarantine?site=" + siteId);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().asJsonObject().getJsonNumber("total").longValue())
                .isEqualTo(2);
        JsonObject held = listed.json().asJsonObject().getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("eventId").equals(crawler))
                .findFirst()
                .orElseThrow();
        assertThat(held.getString("reason")).isEqualTo("bot_user_agent");
        assertThat(held.getString("detail")).contains("Googlebot");

        Reply released = api.adminPost(
                ADMIN,
                PASSWORD,
                "/api/v1/admin/quarantine/" + siteId + "/release",
                "{\"eventIds\":[\"" + crawler + "\"]}");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().asJsonObject().getInt("released")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid"))
                .isEqualTo(2);
        // the relay polls every second; on a loaded 2-core machine a delivery (every observer of the event) can take
        // longer
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(count("SELECT count(*) FROM feedback.outbox WHERE site_id = ?::uuid"))
                        .as("published")
                        .isZero());

        Reply deleted = api.adminPost(
                ADMIN,
                PASSWORD,
                "/api/v1/admin/quarantine/" + siteId + "/delete",
                "{\"eventIds\":[\"" + formBot + "\"]}");
        assertThat(deleted.json().asJsonObject().getInt("deleted")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM feedback.quarantine WHERE site_id = ?::uuid"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM platform.audit_entry WHERE target = ? AND action IN ('quarantine.release', 'quarantine.delete')"))
                .isEqualTo(2);
    }

    @Test
    void reviewing_quarantine_checks_its_input_and_roles() {
        Reply badReason = api.adminGet(ADMIN, PASSWORD, "/api/v1/admin/quarantine?reason=telepathy");
        assertThat(badReason.status()).isEqualTo(400);
        assertThat(badReason.problemFields()).containsExactly("reason");

        Reply badIds = api.adminPost(
                ADMIN, PASSWORD, "/api/v1/admin/quarantine/" + siteId + "/release", "{\"eventIds\":[\"nope\"]}");
        assertThat(badIds.status()).isEqualTo(400);
        assertThat(badIds.problemFields()).containsExactly("eventIds/0");

        String auditor = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(auditor, "auditor-Passw0rd!", "AUDITOR");
        assertThat(api.adminGet(auditor, "auditor-Passw0rd!", "/api/v1/admin/quarantine")
                        .status())
                .isEqualTo(200);
        assertThat(api.adminPost(
                                auditor,
                                "auditor-Passw0rd!",
                                "/api/v1/admin/quarantine/" + siteId + "/delete",
                                "{\"eventIds\":[\"" + UUID.randomUUID() + "\"]}")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void retention_removes_a_sites_events_older_than_its_period_and_reports_it() throws SQLException {
        api.postEvent(secretKey, "{\"type\":\"rating\",\"subjectId\":\"old-timer\",\"itemId\":\"tea\",\"value\":3}");
        UUID old = UUID.randomUUID();
        try (Connection c = AttuneServerExtension.server().database()) {
            c.createStatement().execute("SELECT feedback.ensure_event_partition(current_date - 40)");
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO feedback.event (event_id, site_id, type, subject_id, item_id, value, occurred_at, received_at)
                    VALUES (?, ?::uuid, 'rating', 'old-timer', 'tea', 4, now() - interval '40 days', now() - interval '40 days')""")) {
                ps.setObject(1, old);
                ps.setString(2, siteId);
                ps.executeUpdate();
            }
        }
        Reply badDays =
                api.adminPut(ADMIN, PASSWORD, "/api/v1/admin/sites/" + siteId + "/retention", "{\"retentionDays\":0}");
        assertThat(badDays.status()).isEqualTo(400);
        assertThat(badDays.problemFields()).containsExactly("retentionDays");

        Reply set =
                api.adminPut(ADMIN, PASSWORD, "/api/v1/admin/sites/" + siteId + "/retention", "{\"retentionDays\":30}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().asJsonObject().getInt("retentionDays")).isEqualTo(30);

        Reply run = api.adminPost(ADMIN, PASSWORD, "/api/v1/admin/retention/run", "{}");
        assertThat(run.status()).isEqualTo(200);
        JsonObject ours = run.json().asJsonObject().getJsonArray("sites").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("siteId").equals(siteId))
                .findFirst()
                .orElseThrow();
        assertThat(ours.getJsonNumber("eventsDeleted").longValue()).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = 'old-timer'"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND received_at < now() - interval '30 days'"))
                .isZero();
        assertThat(
                        count(
                                "SELECT count(*) FROM platform.audit_entry WHERE action = 'retention.run' AND detail::text LIKE '%' || ? || '%'"))
                .isGreaterThanOrEqualTo(1);
    }

    private long count(String sql) {
        return AttuneServerExtension.server().count(sql, siteId);
    }
}
