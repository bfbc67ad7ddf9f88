package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.it.Api.Reply;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API checks who calls and in which role; failed logins are throttled and audited. */
@AttuneIT
class AdminApiSecurityIT {

    private Api api;

    @BeforeEach
    void client() {
        api = new Api(AttuneServerExtension.server().baseUrl());
    }

    @Test
    void without_credentials_the_admin_api_answers_401_with_a_basic_challenge() {
        Reply reply = api.adminGet(null, null, "/api/v1/admin/sites");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void an_analyst_reads_sites_but_cannot_create_one_or_manage_users() {
        String analyst = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(analyst, "analyst-password-1", "ANALYST");

        assertThat(api.adminGet(analyst, "analyst-password-1", "/api/v1/admin/sites")
                        .status())
                .isEqualTo(200);
        Reply create = api.adminPost(analyst, "analyst-password-1", "/api/v1/admin/sites", "{\"name\":\"Nope\"}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.contentType()).startsWith("application/problem+json");
        assertThat(api.adminGet(analyst, "analyst-password-1", "/api/v1/admin/users")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void bad_site_input_names_each_field_and_creates_nothing() {
        Reply reply = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/sites",
                "{\"name\":\"\",\"allowedOrigins\":[\"https://ok.example.com\",\"ftp://bad/path\"]}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemFields()).containsExactlyInAnyOrder("name", "allowedOrigins/1");
    }

    @Test
    void repeated_failed_logins_lock_the_user_out_and_are_audited() throws Exception {
        String user = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(user, "the-right-password", "AUDITOR");
        awaitFreshWindow();

        for (int i = 0; i < 5; i++) {
            assertThat(api.adminGet(user, "wrong-password-" + i, "/api/v1/admin/sites")
                            .status())
                    .isEqualTo(401);
        }
        Reply locked = api.adminGet(user, "the-right-password", "/api/v1/admin/sites");

        assertThat(locked.status()).isEqualTo(429);
        // rolled up per address and window (2 s here): the tries show up as counts naming the user
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(failuresNaming(user, "FAILURE")).isEqualTo(5);
            assertThat(failuresNaming(user, "DENIED")).isEqualTo(1);
        });
    }

    @Test
    void a_flood_of_bad_basic_credentials_is_one_audit_entry_per_window_not_one_per_try() throws Exception {
        Instant start = awaitFreshWindow();
        long entriesBefore = auditEntries();
        int tries = 60;
        for (int i = 0; i < tries; i++) {
            assertThat(api.adminGet("nobody-" + i, "guess-" + i, "/api/v1/admin/sites")
                            .status())
                    .isEqualTo(401);
        }
        long windows = Duration.between(start, Instant.now()).toSeconds() / 2 + 2;

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(floodFailures(start)).isEqualTo(tries));
        assertThat(auditEntries() - entriesBefore).isLessThanOrEqualTo(windows).isLessThan(tries);
    }

    /**
     * Waits for the next audit window (2 s here) to start, so the windows this test counts hold no failures of the tests
     * before it (a roll-up entry counts every failure of its address and window).
     */
    private static Instant awaitFreshWindow() {
        Instant start = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 2 * 2 + 2);
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> !Instant.now().isBefore(start));
        return start;
    }

    /** Failures of the roll-up entries whose sampled user names include {@code user}. */
    private long failuresNaming(String user, String outcome) throws SQLException {
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT coalesce(sum((detail->>'failures')::int), 0) FROM platform.audit_entry
                         WHERE action = 'api.login' AND outcome = ? AND jsonb_exists(detail->'users', ?)""")) {
            ps.setString(1, outcome);
            ps.setString(2, user);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long floodFailures(Instant since) throws SQLException {
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT coalesce(sum((detail->>'failures')::int), 0) FROM platform.audit_entry
                         WHERE action = 'api.login' AND outcome = 'FAILURE' AND occurred_at > ?""")) {
            ps.setTimestamp(1, java.sql.Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long auditEntries() throws SQLException {
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM platform.audit_entry WHERE action = 'api.login'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void a_password_reset_or_a_disabled_user_stops_working_at_once_though_checks_are_remembered() {
        String user = "remembered-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(user, "first-password-1", "AUDITOR");
        assertThat(api.adminGet(user, "first-password-1", "/api/v1/admin/sites").status())
                .isEqualTo(200);
        assertThat(api.adminGet(user, "first-password-1", "/api/v1/admin/sites").status())
                .isEqualTo(200);

        assertThat(api.adminPost(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/users/" + user + "/password",
                                "{\"password\":\"second-password-2\"}")
                        .status())
                .isEqualTo(204);
        assertThat(api.adminGet(user, "first-password-1", "/api/v1/admin/sites").status())
                .isEqualTo(401);
        assertThat(api.adminGet(user, "second-password-2", "/api/v1/admin/sites")
                        .status())
                .isEqualTo(200);

        assertThat(api.adminPut(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/users/" + user,
                                "{\"roles\":[\"AUDITOR\"],\"disabled\":true}")
                        .status())
                .isEqualTo(200);
        assertThat(api.adminGet(user, "second-password-2", "/api/v1/admin/sites")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void a_rotated_secret_key_replaces_the_old_one_at_once() {
        JsonObject site = api.createSite("Rotation " + UUID.randomUUID());
        String event = "{\"type\":\"nps\",\"subjectId\":\"v\",\"value\":8}";
        assertThat(api.postEvent(site.getString("secretKey"), event).status()).isEqualTo(202);

        Reply rotated = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/sites/" + site.getString("id") + "/keys/secret/rotate",
                "");

        assertThat(rotated.status()).isEqualTo(200);
        String newKey = rotated.json().asJsonObject().getString("secretKey");
        assertThat(newKey).startsWith("sk_").isNotEqualTo(site.getString("secretKey"));
        assertThat(api.postEvent(site.getString("secretKey"), event).status()).isEqualTo(401);
        assertThat(api.postEvent(newKey, event).status()).isEqualTo(202);
    }

    @Test
    void allowed_origins_are_replaced_and_checked() {
        JsonObject site = api.createSite("Origins " + UUID.randomUUID());
        String path = "/api/v1/admin/sites/" + site.getString("id") + "/allowed-origins";

        Reply bad = api.adminPut(
                TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path, "[\"https://ok.example\",\"not an origin\"]");
        Reply good =
                api.adminPut(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path, "[\"https://new.example.com\"]");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemFields()).containsExactly("allowedOrigins/1");
        assertThat(good.status()).isEqualTo(200);
        assertThat(good.json().asJsonObject().getJsonArray("allowedOrigins").getString(0))
                .isEqualTo("https://new.example.com");
    }

    @Test
    void health_metrics_and_openapi_are_served() {
        assertThat(api.get("/health/ready").body()).contains("\"status\":\"UP\"");
        assertThat(api.get("/metrics").status()).isEqualTo(200);
        assertThat(api.get("/openapi").body()).contains("/api/v1/events");
    }
}
