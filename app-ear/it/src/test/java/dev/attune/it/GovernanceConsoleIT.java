package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The governance views in a real headless Chromium: the audit log's chain verification catching an entry altered in
 * the database, what analysts and auditors may open, and a temporary password that must be changed at sign-in.
 */
@AttuneIT
class GovernanceConsoleIT {

    private WebDriver driver;
    private ConsolePage console;
    private Api api;

    @BeforeEach
    void browser() {
        driver = Browser.shared();
        String baseUrl = AttuneServerExtension.server().baseUrl();
        console = new ConsolePage(driver, baseUrl);
        api = new Api(baseUrl);
    }

    @Test
    void the_dashboard_shows_posted_events_live() {
        String name = "Dashboard " + UUID.randomUUID().toString().substring(0, 8);
        String key = api.createSite(name, "implied").getString("secretKey");
        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("");
        console.selectComboBoxItem("vaadin-combo-box", name);
        assertThat(api.postEvent(key, """
                {"events":[{"type":"rating","subjectId":"d1","itemId":"a","value":5},{"type":"rating","subjectId":"d2","itemId":"a","value":3},
                           {"type":"nps","subjectId":"d1","value":10},{"type":"page_view","subjectId":"d1"}]}""").status()).isEqualTo(202);
        // no reload: the view refreshes itself every few seconds
        console.waiting()
                .withTimeout(Duration.ofSeconds(40))
                .until(d -> console.text("kpi-events-value").strip().equals("4"));
        Browser.screenshot(driver, "dashboard");
        assertThat(console.text("kpi-rating-value")).contains("4.00");
        assertThat(console.text("kpi-nps-value")).contains("100");
    }

    @Test
    void an_altered_audit_entry_is_detected_by_verify_chain() throws Exception {
        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("audit");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("audit-grid")));
        console.click("audit-verify");
        console.waiting()
                .until(d ->
                        d.findElement(By.id("audit-verify-result")).getText().contains("Chain intact"));
        assertThat(console.text("audit-verify-result")).containsPattern("Chain intact: [\\d,]+ entries checked");

        long id;
        String original;
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, detail::text FROM platform.audit_entry ORDER BY id DESC LIMIT 1 OFFSET 1");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            id = rs.getLong(1);
            original = rs.getString(2);
        }
        rewriteDetail(id, "{\"tampered\":true}");
        try {
            console.click("audit-verify");
            console.waiting()
                    .until(d -> d.findElement(By.id("audit-verify-result"))
                            .getText()
                            .contains("Chain broken"));
            console.waiting()
                    .until(d ->
                            d.findElement(By.id("audit-detail-title")).getText().equals("Entry #" + id));
            Browser.screenshot(driver, "audit");
            assertThat(console.text("audit-verify-result"))
                    .contains(
                            "Chain broken at entry #" + id + " — it was altered or removed after it " + "was written");
            assertThat(console.text("audit-detail-json")).contains("\"tampered\": true");
        } finally {
            rewriteDetail(id, original);
        }
        JsonObject verified = api.adminGet(
                        TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/audit/verify")
                .json()
                .asJsonObject();
        assertThat(verified.getBoolean("intact"))
                .as("the chain is whole again for the other tests")
                .isTrue();
        JsonObject recorded = api.adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/audit?action=audit.verify&outcome=FAILURE")
                .json()
                .asJsonObject()
                .getJsonArray("entries")
                .getJsonObject(0);
        assertThat(recorded.getString("actor")).isEqualTo(TestServer.ADMIN_USER);
        assertThat(recorded.getJsonObject("detail").getJsonNumber("firstBroken").longValue())
                .isEqualTo(id);
    }

    @Test
    void an_analyst_cannot_open_users_and_an_auditor_changes_nothing() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String analyst = "analyst-" + suffix;
        String auditor = "auditor-" + suffix;
        api.createUser(analyst, "analyst-password-1", "ANALYST");
        api.createUser(auditor, "auditor-password-1", "AUDITOR");

        console.signIn(analyst, "analyst-password-1").awaitSignedIn();
        console.open("users");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("not-available")));
        assertThat(console.bodyText()).contains("not available to your role");
        assertThat(console.hasElement("users-grid")).isFalse();
        console.open("audit");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("not-available")));
        assertThat(console.hasElement("audit-grid")).isFalse();
        console.signOut();

        console.signIn(auditor, "auditor-password-1").awaitSignedIn();
        console.open("audit");
        List<String> cells = console.awaitGridCell("audit-grid", auditor);
        assertThat(cells).contains("console.login", "SUCCESS");
        assertThat(console.hasElement("audit-verify")).isTrue();
        assertThat(console.bodyText()).contains("Audit log").doesNotContain("Users & roles");
        console.open("users");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("not-available")));
        assertThat(console.hasElement("users-grid")).isFalse();
        console.open("privacy");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("privacy-grid")));
        assertThat(driver.findElements(By.id("privacy-new")).stream().noneMatch(WebElement::isDisplayed))
                .as("no \"New request\" for auditors")
                .isTrue();
    }

    @Test
    void a_user_with_a_temporary_password_must_change_it_first() {
        String user = "temporary-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(user, "initial-password-1", "ANALYST");
        Api.Reply reset = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/users/" + user + "/password",
                "{\"password\":\"temporary-pass-1\"}");
        assertThat(reset.status()).as(reset.body()).isEqualTo(204);

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("users");
        List<String> cells = console.awaitGridCell("users-grid", user);
        assertThat(cells).contains("temporary: must change", "ANALYST");
        console.awaitGridCell("access-matrix", "Users & roles");
        Browser.screenshot(driver, "users");
        console.signOut();

        // signed in with the temporary password, every page leads to the password change
        console.signIn(user, "temporary-pass-1");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("password-current")));
        console.waiting().until(ExpectedConditions.urlContains("/admin/change-password"));
        console.open("feedback");
        console.waiting().until(ExpectedConditions.urlContains("/admin/change-password"));
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("password-current")));
        assertThat(console.text("change-password-why")).contains("temporary password");
        assertThat(console.hasElement("feedback-grid")).isFalse();

        // a wrong current password is refused at its field
        console.type("password-current", "not-the-temporary-one");
        console.type("password-new", "my-own-passphrase-2");
        console.type("password-repeat", "my-own-passphrase-2");
        console.click("password-change");
        console.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#password-current[invalid]")));
        Browser.screenshot(driver, "change-password");
        assertThat(driver.getCurrentUrl()).contains("/admin/change-password");

        retype("password-current", "temporary-pass-1");
        console.click("password-change");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("change-password-link")));
        assertThat(driver.getCurrentUrl()).doesNotContain("change-password");
        console.signOut();

        console.signIn(user, "my-own-passphrase-2");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("change-password-link")));
        assertThat(driver.getCurrentUrl()).doesNotContain("change-password");
        var listed = api
                .adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/users")
                .json()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(u -> u.getString("username").equals(user))
                .findFirst()
                .orElseThrow();
        assertThat(listed.getBoolean("mustChangePassword")).isFalse();
    }

    /** Replaces a field's text (select all, type over it) and leaves it, so the console sees the change. */
    private void retype(String id, String text) {
        WebElement field = console.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + id + " input")));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
        field.sendKeys(Keys.TAB);
    }

    /**
     * Rewrites an entry's detail as someone with the table owner's rights could: the log is append-only for the
     * application (a trigger refuses updates and deletes), so the trigger is switched off for this one transaction.
     */
    private static void rewriteDetail(long id, String json) throws SQLException {
        try (Connection c = AttuneServerExtension.server().database()) {
            c.setAutoCommit(false);
            try (Statement ddl = c.createStatement();
                    PreparedStatement update =
                            c.prepareStatement("UPDATE platform.audit_entry SET detail = ?::jsonb WHERE id = ?")) {
                ddl.execute("ALTER TABLE platform.audit_entry DISABLE TRIGGER USER");
                update.setString(1, json);
                update.setLong(2, id);
                assertThat(update.executeUpdate()).isEqualTo(1);
                ddl.execute("ALTER TABLE platform.audit_entry ENABLE TRIGGER USER");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
