package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The governance views added for lineage and retention, in a real headless Chromium: an event's lineage opened from
 * the feedback explorer, a person's lineage (identifiers, events, consent, profile), a site's profile retention changed
 * and run by an admin while an auditor only reads, and the dark theme kept across a reload.
 */
@AttuneIT
class LineageConsoleIT {

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
    void an_events_lineage_opens_from_the_feedback_explorer_and_is_audited() throws Exception {
        String name = "Lineage view " + UUID.randomUUID().toString().substring(0, 8);
        JsonObject site = api.createSite(name, "implied");
        String siteId = site.getString("id");
        String subject = "lin-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = UUID.randomUUID().toString();
        assertThat(api.postEvent(site.getString("secretKey"), """
                {"id":"%s","type":"text","subjectId":"%s","itemId":"boots","text":"I love these boots, great grip!"}""".formatted(eventId, subject))
                        .status())
                .isEqualTo(202);
        awaitEventLineage(siteId, eventId);

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("lineage");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-event-empty")));
        assertThat(console.text("lineage-event-empty"))
                .contains("Enter an event id")
                .contains("Feedback explorer");

        console.open("feedback");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.click("feedback-lineage-" + eventId);
        List<String> derived = console.awaitGridCell("lineage-derived", "enrichment");
        console.awaitGridCell("lineage-derived", "profile");
        derived = console.awaitGridCell("lineage-derived", "exact");
        assertThat(derived).contains("enrichment", "profile", "exact");
        assertThat(derived.stream().filter(c -> c.startsWith("language en")).findFirst())
                .as("the enrichment's row")
                .isPresent();
        assertThat(console.text("lineage-event-header"))
                .contains(eventId)
                .contains(subject)
                .contains("text");
        assertThat(driver.getCurrentUrl())
                .contains("/admin/lineage")
                .contains("site=" + siteId)
                .contains("event=" + eventId);
        Browser.screenshot(driver, "lineage-event");

        JsonObject recorded = api.adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/audit?action=lineage.event&target=" + eventId)
                .json()
                .asJsonObject()
                .getJsonArray("entries")
                .getJsonObject(0);
        assertThat(recorded.getString("actor")).isEqualTo(TestServer.ADMIN_USER);
        assertThat(recorded.getJsonObject("detail").getString("via")).isEqualTo("console");
        assertThat(recorded.getJsonObject("detail").getString("site")).isEqualTo(siteId);

        console.open("lineage?site=" + siteId + "&event=" + UUID.randomUUID());
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-event-none")));
        assertThat(console.text("lineage-event-none")).contains("No event");
    }

    @Test
    void a_persons_lineage_shows_identifiers_events_consent_and_profile() throws Exception {
        String name = "Person lineage view " + UUID.randomUUID().toString().substring(0, 8);
        JsonObject site = api.createSite(name, "explicit");
        String siteId = site.getString("id");
        String key = site.getString("secretKey");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String laptop = "laptop-" + tag;
        String phone = "phone-" + tag;
        for (String subject : new String[] {laptop, phone}) {
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
                                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"rating\",\"subjectId\":\"" + laptop
                                        + "\",\"itemId\":\"tent\",\"value\":5}")
                        .status())
                .isEqualTo(202);
        assertThat(api.postEvent(
                                key,
                                "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"page_view\",\"subjectId\":\"" + phone
                                        + "\",\"itemId\":\"stove\"}")
                        .status())
                .isEqualTo(202);
        assertThat(api.postWithKey(
                                key,
                                "/api/v1/identify",
                                "{\"subjectId\":\"" + laptop + "\",\"userId\":\"cust-" + tag
                                        + "\",\"traits\":{\"email\":\"lineage-" + tag + "@example.org\"}}")
                        .status())
                .isEqualTo(200);
        assertThat(api.postWithKey(
                                key,
                                "/api/v1/identify",
                                "{\"subjectId\":\"" + phone + "\",\"userId\":\"cust-" + tag + "\"}")
                        .status())
                .isEqualTo(200);
        awaitPersonLineage(siteId, phone);

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("lineage");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.click("lineage-tab-person");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("lineage-person-empty")));
        console.type("lineage-subject", phone);
        console.click("lineage-person-show");

        List<String> identifiers = console.awaitGridCell("lineage-identifiers", "email");
        assertThat(identifiers).contains("anonymous", "user", "email");
        assertThat(identifiers)
                .noneMatch(c -> c.contains("lineage-" + tag + "@example.org")); // clear values are never shown
        List<String> events = console.awaitGridCell("lineage-events", "page_view");
        assertThat(events).contains(laptop, phone, "rating", "page_view");
        List<String> consents = console.awaitGridCell("lineage-consents", "personalization");
        assertThat(consents).contains(laptop, phone, "analytics", "granted", "v3");
        assertThat(console.text("lineage-profile")).contains("Events").contains("2");
        assertThat(driver.getCurrentUrl()).contains("person=" + phone);
        Browser.screenshot(driver, "lineage-person");

        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/audit?action=lineage.person&target=" + phone)
                        .json()
                        .asJsonObject()
                        .getJsonArray("entries")
                        .getJsonObject(0)
                        .getJsonObject("detail")
                        .getString("via"))
                .isEqualTo("console");
    }

    @Test
    void an_admin_changes_and_runs_profile_retention_while_an_auditor_only_reads() throws Exception {
        String name = "Retention view " + UUID.randomUUID().toString().substring(0, 8);
        JsonObject site = api.createSite(name, "implied");
        String siteId = site.getString("id");
        // a visitor last seen 20 days ago (gone after the run with 13 days) and one seen now (kept)
        assertThat(api.postEvent(site.getString("secretKey"), """
                {"events":[{"type":"rating","subjectId":"stale","itemId":"a","value":4,"occurredAt":"%s"},
                           {"type":"rating","subjectId":"fresh","itemId":"a","value":5}]}""".formatted(
                                        Instant.now().minus(20, ChronoUnit.DAYS)))
                        .status())
                .isEqualTo(202);
        awaitProfile(siteId, "stale");
        awaitProfile(siteId, "fresh");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("retention");
        console.click("retention-edit-" + siteId);
        retype("retention-profile-days", "0");
        console.click("retention-save");
        console.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#retention-profile-days[invalid]")));
        retype("retention-profile-days", "13");
        console.click("retention-save");
        console.awaitGridCell("retention-sites", "13 days");
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/retention/profiles?site=" + siteId)
                        .json()
                        .asJsonObject()
                        .getInt("profileDays"))
                .isEqualTo(13);
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/audit?action=retention.profiles.policy&target=" + siteId)
                        .json()
                        .asJsonObject()
                        .getJsonArray("entries")
                        .getJsonObject(0)
                        .getJsonObject("detail")
                        .getInt("after"))
                .isEqualTo(13);

        console.click("retention-run-profiles");
        // runs in the background; the notification and the recent run are pushed when it ends
        console.waiting()
                .withTimeout(Duration.ofSeconds(60))
                .until(d -> d.findElements(By.cssSelector("vaadin-notification-card")).stream()
                        .anyMatch(c -> c.getText().contains("Profile retention:")
                                && c.getText().contains(name + " 1")));
        console.waiting()
                .until(d -> d.findElements(By.cssSelector("#retention-runs vaadin-grid-cell-content")).stream()
                        .anyMatch(c -> c.getText().startsWith("Profiles:")
                                && c.getText().contains(name + " 1")));
        console.awaitGridCell("retention-runs", "retention.requested");
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/profiles?site=" + siteId + "&subject=stale")
                        .status())
                .isEqualTo(404);
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/profiles?site=" + siteId + "&subject=fresh")
                        .status())
                .isEqualTo(200);
        assertThat(console.hasElement("retention-inventory")).isTrue();
        assertThat(console.awaitGridCell("retention-inventory", "personalization"))
                .contains("feedback", "identity", "platform");
        Browser.screenshot(driver, "retention");
        console.signOut();

        String auditor = "retention-auditor-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(auditor, "auditor-password-1", "AUDITOR");
        console.signIn(auditor, "auditor-password-1").awaitSignedIn();
        console.open("retention");
        console.awaitGridCell("retention-sites", "13 days");
        assertThat(console.hasElement("retention-edit-" + siteId))
                .as("no change for auditors")
                .isFalse();
        for (String run : List.of("retention-run-events", "retention-run-profiles", "retention-run-audit")) {
            List<WebElement> buttons = driver.findElements(By.id(run));
            assertThat(buttons)
                    .allSatisfy(b -> assertThat(!b.isDisplayed() || b.getDomAttribute("disabled") != null)
                            .as(run + " is not enabled for auditors")
                            .isTrue());
        }
        console.awaitGridCell("retention-runs", "retention.requested"); // auditors read the runs
        Browser.screenshot(driver, "retention-auditor");
    }

    @Test
    void the_dark_theme_is_kept_across_a_reload() {
        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        assertThat(htmlTheme()).isNull();
        console.click("theme-toggle");
        console.waiting().until(d -> "dark".equals(htmlTheme()));

        driver.navigate().refresh();
        console.awaitSignedIn();
        assertThat(htmlTheme()).isEqualTo("dark");
        console.waiting()
                .until(d -> "dark".equals(d.findElement(By.id("theme-toggle")).getDomAttribute("data-theme")));
        console.open("");
        console.awaitSignedIn();
        assertThat(htmlTheme()).isEqualTo("dark");
        Browser.screenshot(driver, "dashboard-dark");
        console.open("retention");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("retention-sites")));
        Browser.screenshot(driver, "retention-dark");

        console.click("theme-toggle");
        console.waiting().until(d -> htmlTheme() == null);
        driver.navigate().refresh();
        console.awaitSignedIn();
        assertThat(htmlTheme()).isNull();
    }

    // ------------------------------------------------------------------ helpers

    private String htmlTheme() {
        return (String)
                ((JavascriptExecutor) driver).executeScript("return document.documentElement.getAttribute('theme')");
    }

    /** Waits until the event's enrichment and profile are derived (they follow the event asynchronously). */
    private void awaitEventLineage(String siteId, String eventId) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            Api.Reply r = api.adminGet(
                    TestServer.ADMIN_USER,
                    TestServer.ADMIN_PASSWORD,
                    "/api/v1/admin/lineage/events/" + eventId + "?site=" + siteId);
            if (r.status() == 200) {
                List<String> kinds =
                        r.json().asJsonObject().getJsonArray("derived").getValuesAs(JsonObject.class).stream()
                                .map(d -> d.getString("kind"))
                                .toList();
                if (kinds.contains("enrichment") && kinds.contains("profile")) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the event's lineage has no enrichment and profile after 30 s");
    }

    /** Waits until both devices' events and the profile are in the person's lineage. */
    private void awaitPersonLineage(String siteId, String subject) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            Api.Reply r = api.adminGet(
                    TestServer.ADMIN_USER,
                    TestServer.ADMIN_PASSWORD,
                    "/api/v1/admin/lineage/persons/" + subject + "?site=" + siteId);
            if (r.status() == 200
                    && r.json().asJsonObject().getJsonArray("events").size() == 2
                    && r.json().asJsonObject().containsKey("profile")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the person's lineage is incomplete after 30 s");
    }

    private void awaitProfile(String siteId, String subject) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (api.adminGet(
                                    TestServer.ADMIN_USER,
                                    TestServer.ADMIN_PASSWORD,
                                    "/api/v1/admin/profiles?site=" + siteId + "&subject=" + subject)
                            .status()
                    == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no profile of " + subject + " after 30 s");
    }

    /** Replaces a field's text (select all, type over it) and leaves it, so the console sees the change. */
    private void retype(String id, String text) {
        WebElement field = console.waiting()
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + id + " input")));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), text);
        field.sendKeys(Keys.TAB);
    }
}
