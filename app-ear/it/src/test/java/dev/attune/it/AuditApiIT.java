package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The audit log and console users through the admin API: search, chain verification, role changes and their guard rails. */
@AttuneIT
class AuditApiIT {

    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    @Test
    void auditors_search_the_log_and_verify_its_chain_analysts_cannot() {
        String name = "Audited " + UUID.randomUUID();
        api.createSite(name, "implied");
        String auditor = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        String analyst = "analyst-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(auditor, "auditor-password-1", "AUDITOR");
        api.createUser(analyst, "analyst-password-1", "ANALYST");

        JsonObject found = api.adminGet(
                        auditor,
                        "auditor-password-1",
                        "/api/v1/admin/audit?action=site.&text=" + name.replace(" ", "%20"))
                .json()
                .asJsonObject();
        assertThat(found.getInt("total")).isEqualTo(1);
        JsonObject entry = found.getJsonArray("entries").getJsonObject(0);
        assertThat(entry.getString("action")).isEqualTo("site.create");
        assertThat(entry.getString("actor")).isEqualTo(TestServer.ADMIN_USER);
        assertThat(entry.getJsonObject("detail").getString("name")).isEqualTo(name);
        JsonObject verified = api.adminGet(auditor, "auditor-password-1", "/api/v1/admin/audit/verify")
                .json()
                .asJsonObject();
        assertThat(verified.getBoolean("intact")).isTrue();
        assertThat(verified.getInt("checked")).isPositive();
        assertThat(api.adminGet(analyst, "analyst-password-1", "/api/v1/admin/audit")
                        .status())
                .isEqualTo(403);
        JsonObject denied = api.adminGet(
                        auditor, "auditor-password-1", "/api/v1/admin/audit?action=api.GET&actor=" + analyst)
                .json()
                .asJsonObject();
        assertThat(denied.getInt("total")).isEqualTo(1);
        assertThat(denied.getJsonArray("entries").getJsonObject(0).getString("outcome"))
                .isEqualTo("DENIED");
        assertThat(denied.getJsonArray("entries").getJsonObject(0).getString("target"))
                .isEqualTo("/api/v1/admin/audit");
        Api.Reply badTime = api.adminGet(auditor, "auditor-password-1", "/api/v1/admin/audit?from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.problemFields()).containsExactly("from");
    }

    @Test
    void role_changes_are_audited_with_before_and_after_and_the_last_admin_stays() {
        String user = "member-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(user, "member-password-1", "ANALYST");
        Api.Reply changed = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/users/" + user,
                "{\"roles\":[\"AUDITOR\"],\"disabled\":false}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonObject audit = api.adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/audit?action=user.update&target=" + user)
                .json()
                .asJsonObject()
                .getJsonArray("entries")
                .getJsonObject(0);
        assertThat(audit.getJsonObject("detail")
                        .getJsonObject("before")
                        .getJsonArray("roles")
                        .getString(0))
                .isEqualTo("ANALYST");
        assertThat(audit.getJsonObject("detail")
                        .getJsonObject("after")
                        .getJsonArray("roles")
                        .getString(0))
                .isEqualTo("AUDITOR");
        assertThat(api.adminGet(user, "member-password-1", "/api/v1/admin/audit")
                        .status())
                .isEqualTo(200);

        Api.Reply self = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/users/" + TestServer.ADMIN_USER,
                "{\"roles\":[\"ANALYST\"],\"disabled\":false}");
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.problemFields()).containsExactly("roles");
        Api.Reply disabled = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/users/" + user,
                "{\"roles\":[\"AUDITOR\"],\"disabled\":true}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(api.adminGet(user, "member-password-1", "/api/v1/admin/audit")
                        .status())
                .isEqualTo(401);
        assertThat(api.adminPut(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/users/nobody-here",
                                "{\"roles\":[\"AUDITOR\"]}")
                        .status())
                .isEqualTo(404);
    }
}
