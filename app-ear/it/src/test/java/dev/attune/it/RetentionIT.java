package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Retention and minimisation: profile retention per site, audit retention that keeps the chain verifiable, the data inventory. */
@AttuneIT
class RetentionIT {

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private Api.Reply get(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path);
    }

    private Api.Reply post(String path, String json) {
        return api.adminPost(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path, json);
    }

    @Test
    void profiles_of_visitors_not_seen_within_the_sites_retention_are_deleted_and_reported() throws Exception {
        JsonObject site = api.createSite("Retention " + UUID.randomUUID(), "implied");
        String siteId = site.getString("id");
        Instant old = Instant.now().minus(3, ChronoUnit.DAYS);
        api.postEvent(site.getString("secretKey"), """
                {"events":[{"type":"rating","subjectId":"stale","itemId":"a","value":4,"occurredAt":"%s"},
                           {"type":"rating","subjectId":"fresh","itemId":"a","value":5}]}""".formatted(old));
        for (int i = 0;
                i < 100
                        && get("/api/v1/admin/profiles?site=" + siteId + "&subject=stale")
                                        .status()
                                != 200;
                i++) {
            Thread.sleep(200);
        }
        assertThat(get("/api/v1/admin/retention/profiles?site=" + siteId)
                        .json()
                        .asJsonObject()
                        .getInt("profileDays"))
                .isEqualTo(365);
        Api.Reply bad = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/retention/profiles",
                "{\"siteId\":\"" + siteId + "\",\"profileDays\":0}");
        assertThat(bad.problemFields()).containsExactly("profileDays");
        assertThat(api.adminPut(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/retention/profiles",
                                "{\"siteId\":\"" + siteId + "\",\"profileDays\":2}")
                        .status())
                .isEqualTo(200);
        for (int i = 0;
                i < 100
                        && get("/api/v1/admin/profiles?site=" + siteId + "&subject=fresh")
                                        .status()
                                != 200;
                i++) {
            Thread.sleep(200);
        }

        JsonObject run =
                post("/api/v1/admin/retention/profiles/run", "{}").json().asJsonObject();
        assertThat(run.getJsonObject("deleted").getInt(siteId)).isEqualTo(1);
        assertThat(get("/api/v1/admin/profiles?site=" + siteId + "&subject=stale")
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/admin/profiles?site=" + siteId + "&subject=fresh")
                        .status())
                .isEqualTo(200);
        JsonObject report = get("/api/v1/admin/audit?action=retention.profiles&target=" + siteId)
                .json()
                .asJsonObject();
        assertThat(report.getJsonArray("entries")
                        .getJsonObject(0)
                        .getJsonObject("detail")
                        .getInt("profilesDeleted"))
                .isEqualTo(1);
    }

    @Test
    void audit_retention_deletes_old_entries_and_the_chain_still_verifies() throws Exception {
        for (int i = 0; i < 5; i++) {
            get("/api/v1/admin/audit?limit=1"); // each call is an entry: the log has more than the three entries
            // aged below
        }
        try (Connection c = AttuneServerExtension.server().database();
                Statement s = c.createStatement()) {
            // a database owner ages the oldest entries (their hashes no longer match: the chain is broken at the first)
            s.execute("ALTER TABLE platform.audit_entry DISABLE TRIGGER audit_entry_no_update");
            int aged = s.executeUpdate("UPDATE platform.audit_entry SET occurred_at = now() - interval '4000 days' "
                    + "WHERE id IN (SELECT id FROM platform.audit_entry ORDER BY id LIMIT 3)");
            assertThat(aged).isEqualTo(3);
            s.execute("ALTER TABLE platform.audit_entry ENABLE TRIGGER audit_entry_no_update");
        }
        try (Connection c = AttuneServerExtension.server().database();
                Statement s = c.createStatement()) {
            Assertions.assertThatThrownBy(() -> s.executeUpdate("DELETE FROM platform.audit_entry WHERE id = "
                            + "(SELECT max(id) FROM platform.audit_entry)"))
                    .hasMessageContaining("append-only");
        }
        assertThat(get("/api/v1/admin/audit/verify").json().asJsonObject().getBoolean("intact"))
                .isFalse();
        long old;
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM platform.audit_entry WHERE occurred_at < now() - interval '1095 days'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            old = rs.getLong(1);
        }
        assertThat(old).isGreaterThanOrEqualTo(3);
        JsonObject run = post("/api/v1/admin/audit/retention", "{}").json().asJsonObject();
        assertThat(run.getInt("deleted")).as(run.toString()).isEqualTo((int) old);
        JsonObject verified = get("/api/v1/admin/audit/verify").json().asJsonObject();
        assertThat(verified.getBoolean("intact")).as(verified.toString()).isTrue();
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement("SELECT pruned_count FROM platform.audit_anchor");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void the_data_inventory_lists_what_every_module_stores() {
        JsonObject inventory = get("/api/v1/admin/privacy/inventory").json().asJsonObject();
        assertThat(inventory.getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(i -> i.getString("module") + "." + i.getString("kind"))
                .contains(
                        "feedback.events",
                        "feedback.consent",
                        "identity.identifiers",
                        "identity.contacts",
                        "personalization.profile",
                        "personalization.experiments",
                        "platform.audit");
    }
}
