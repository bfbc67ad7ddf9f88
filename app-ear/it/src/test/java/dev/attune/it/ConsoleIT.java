package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The console in a real headless Chromium: sign-in, the Feedback view showing a posted rating, role checks. */
@AttuneIT
class ConsoleIT {

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
    void a_rating_posted_with_curl_appears_in_the_feedback_view_after_sign_in() {
        String item = "console-item-" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = api.createSite("Console " + item).getString("secretKey");
        assertThat(api.postEvent(secretKey, """
                {"type":"rating","subjectId":"visitor-7","itemId":"%s","value":5}""".formatted(item)).status()).isEqualTo(202);

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        Browser.screenshot(driver, "overview");
        console.open("feedback");
        List<String> cells = console.awaitGridCell("feedback-grid", item);
        Browser.screenshot(driver, "feedback");

        assertThat(cells).contains("visitor-7", "rating", "5");
    }

    @Test
    void the_sites_view_lists_sites_with_their_consent_mode() {
        String name = "Sites view " + UUID.randomUUID().toString().substring(0, 8);
        api.createSite(name, "explicit");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("sites");
        List<String> cells = console.awaitGridCell("sites-grid", name);
        Browser.screenshot(driver, "sites");

        assertThat(cells).contains("Explicit (opt-in)", "Verified");
    }

    @Test
    void a_crawlers_event_is_shown_in_quarantine_with_its_reason() {
        String name = "Quarantine view " + UUID.randomUUID().toString().substring(0, 8);
        String subject = "crawler-" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = api.createSite(name, "implied").getString("secretKey");
        api.postEvent(secretKey, """
                {"type":"page_view","subjectId":"%s","context":{"userAgent":"Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"}}""".formatted(subject));

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("quarantine");
        List<String> cells = console.awaitGridCell("quarantine-grid", subject);
        Browser.screenshot(driver, "quarantine");

        assertThat(cells).contains("bot user agent", name, "page_view");
        assertThat(console.text("quarantine-summary")).contains("bot user agent");
    }

    @Test
    void the_webhooks_view_lists_a_sites_webhooks_and_their_deliveries() {
        String name = "Webhooks view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");
        String hookUrl =
                "http://127.0.0.1:9/attune-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.adminPost(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/webhooks",
                                "{\"siteId\":\"" + site.getString("id") + "\",\"url\":\"" + hookUrl
                                        + "\",\"eventTypes\":[\"nps\"]}")
                        .status())
                .isEqualTo(201);
        api.postEvent(site.getString("secretKey"), "{\"type\":\"nps\",\"subjectId\":\"hank\",\"value\":10}");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("webhooks");
        console.selectComboBoxItem("vaadin-combo-box", name);
        List<String> cells = console.awaitGridCell("webhooks-grid", hookUrl);
        console.awaitGridCell("deliveries-grid", "nps");
        Browser.screenshot(driver, "webhooks");

        assertThat(cells).contains("nps", "active");
    }

    @Test
    void a_survey_built_in_the_surveys_view_is_saved_and_goes_live() {
        String name = "Surveys view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("surveys");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.click("survey-new");
        console.type("survey-name", "Console NPS");
        Browser.screenshot(driver, "survey-editor");
        console.click("survey-save");
        console.awaitGridCell("surveys-grid", "Console NPS");
        console.click("survey-toggle-console-nps");
        List<String> cells = console.awaitGridCell("surveys-grid", "10 s on page");
        Browser.screenshot(driver, "surveys");

        var listed = api.adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/surveys?site=" + site.getString("id"))
                .json()
                .asJsonObject()
                .getJsonArray("surveys")
                .getJsonObject(0);
        assertThat(listed.getString("status")).isEqualTo("active");
        assertThat(listed.getJsonObject("definition")
                        .getJsonArray("questions")
                        .getJsonObject(0)
                        .getString("type"))
                .isEqualTo("nps");
        assertThat(cells).contains("Console NPS", "every page");
    }

    @Test
    void the_experiments_view_shows_live_results_and_a_recommendation() throws Exception {
        String name = "Experiments view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");
        var created = api.adminPost(
                        TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/experiments", """
                {"siteId":"%s","key":"free-shipping","name":"Free shipping banner","hypothesis":"A banner lifts purchases",
                 "variants":[{"key":"control","weight":50},{"key":"banner","weight":50}],
                 "metrics":[{"key":"purchases","kind":"conversion","eventType":"purchase","windowHours":24}]}""".formatted(
                                        site.getString("id")))
                .json()
                .asJsonObject();
        api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/experiments/" + created.getString("id") + "/status",
                "{\"status\":\"running\"}");
        var http = HttpClient.newHttpClient();
        Random random = new Random(3);
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(AttuneServerExtension.server()
                                                    .baseUrl() + "/api/v1/assignments?subject=shopper-" + i + "&device="
                                            + (i % 3 == 0 ? "mobile" : "desktop")))
                                    .header("Authorization", "Bearer " + site.getString("secretKey"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            if (random.nextDouble() < (body.contains("\"banner\"") ? 0.4 : 0.1)) {
                events.append(events.length() == 0 ? "" : ",")
                        .append("{\"type\":\"purchase\",\"subjectId\":\"shopper-" + i
                                + "\",\"itemId\":\"sku\",\"value\":30}");
            }
        }
        assertThat(api.postEvent(site.getString("secretKey"), "{\"events\":[" + events + "]}")
                        .status())
                .isEqualTo(202);
        // what the page draws: every purchase counted, then snapshots of the results (the guard's, every 2 s here)
        int purchases = events.length() == 0 ? 0 : events.toString().split("\"type\":\"purchase\"", -1).length - 1;
        String experimentId = created.getString("id");
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> convertedUnits(experimentId) == purchases);
        Instant counted = Instant.now();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> snapshots(experimentId, Instant.EPOCH) >= 2 && snapshots(experimentId, counted) >= 1);

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("experiments");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.awaitGridCell("experiments-grid", "free-shipping");
        console.awaitGridCell("results-purchases", "banner");
        console.awaitGridCell("segment-mobile", "banner");
        console.waiting()
                .until(d -> !d.findElements(By.cssSelector("#experiment-history[data-drawn] svg"))
                        .isEmpty());
        Browser.screenshot(driver, "experiments");
        assertThat(console.text("experiment-advice")).startsWith("Ship banner");
        assertThat(console.text("experiment-srm")).contains("400 units exposed");
        assertThat(console.text("experiment-setup")).contains("A/B test", "100 % of traffic", "every page");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('experiment-segments').scrollIntoView()");
        Thread.sleep(300);
        Browser.screenshot(driver, "experiments-over-time");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('experiments-grid').scrollIntoView()");

        // edit the running experiment: its words may change, its variants are read-only
        console.click("experiment-edit-free-shipping");
        assertThat(console.waiting()
                        .until(ExpectedConditions.presenceOfElementLocated(By.id("variant-weight-0")))
                        .getAttribute("readonly"))
                .isNotNull();
        console.type("experiment-name", " (v2)");
        console.click("experiment-create");
        console.awaitGridCell("experiments-grid", "Free shipping banner (v2)");

        // a new experiment with weights that do not add up: the field says so, nothing is created
        console.click("experiment-new");
        console.type("experiment-key", "broken");
        console.type("experiment-name", "Broken");
        console.type("variant-weight-0", "5");
        console.click("experiment-create");
        console.waiting()
                .until(d -> d.findElement(By.id("experiment-errors")).getText().contains("weights must sum to 100"));
        Browser.screenshot(driver, "experiment-editor");
        assertThat(console.text("experiment-errors")).contains("variants/0/weight: must be 1 to 99");
        assertThat(api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/experiments?site=" + site.getString("id"))
                        .json()
                        .asJsonObject()
                        .getJsonArray("experiments"))
                .hasSize(1);
    }

    @Test
    void the_profiles_view_shows_a_visitors_interests_and_what_was_derived_from_their_events() throws Exception {
        String name = "Profiles view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");
        String ua =
                "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        StringBuilder events = new StringBuilder();
        String[][] films = {
            {"Heat", "Crime"}, {"Alien", "Sci-Fi"}, {"Arrival", "Sci-Fi"}, {"Fargo", "Crime"}, {"Up", "Animation"}
        };
        for (int i = 0; i < films.length; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("""
                    {"type":"rating","subjectId":"rowan","itemId":"%s","value":%d,"properties":{"genres":["%s"]},
                     "context":{"userAgent":"%s","timeZone":"Europe/Paris","referrer":"https://www.reddit.com/r/movies","url":"https://cinema.example/"}}""".formatted(films[i][0], i == 4 ? 1 : 5 - i % 2, films[i][1], ua));
        }
        events.append("""
                ,{"type":"text","subjectId":"rowan","itemId":"Arrival","text":"Arrival is a stunning, beautiful film!","properties":{"genres":["Sci-Fi"]}},
                 {"type":"nps","subjectId":"rowan","value":10}""");
        assertThat(api.postEvent(site.getString("secretKey"), "{\"events\":[" + events + "]}")
                        .status())
                .isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && api.adminGet(
                                        TestServer.ADMIN_USER,
                                        TestServer.ADMIN_PASSWORD,
                                        "/api/v1/admin/profiles?site=" + site.getString("id") + "&subject=rowan")
                                .status()
                        != 200) {
            Thread.sleep(300);
        }

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("profiles");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.awaitGridCell("profiles-grid", "rowan");
        console.type("profiles-subject", "rowan");
        console.click("profiles-look-up");
        console.awaitGridCell("profile-enrichments", "text");
        console.waiting()
                .until(d -> !d.findElements(By.cssSelector("#profile-attributes[data-drawn] svg"))
                        .isEmpty());
        Browser.screenshot(driver, "profiles");
        assertThat(console.text("profile-figures")).contains("promoter", "Sentiment");
        assertThat(console.bodyText()).contains("positive", "tablet", "7 events from");
        // the profile on show follows new events without a reload
        assertThat(api.postEvent(
                                site.getString("secretKey"),
                                "{\"type\":\"page_view\",\"subjectId\":\"rowan\",\"itemId\":\"Heat\"}")
                        .status())
                .isEqualTo(202);
        console.waiting()
                .until(d -> d.findElement(By.id("profile-live")).getText().contains("updated"));
        assertThat(console.bodyText()).contains("8 events from");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('profile-items').scrollIntoView()");
        Thread.sleep(300);
        Browser.screenshot(driver, "profiles-interests");
    }

    @Test
    void the_segments_view_previews_a_rule_creates_the_segment_and_shows_its_members() throws Exception {
        String name = "Segments view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");
        StringBuilder events = new StringBuilder();
        for (String who : new String[] {"ivy", "jon", "ken"}) {
            for (int i = 0; i < (who.equals("ken") ? 1 : 5); i++) {
                events.append(events.length() == 0 ? "" : ",")
                        .append("{\"type\":\"page_view\",\"subjectId\":\"" + who + "\",\"itemId\":\"kayak\"}");
            }
        }
        assertThat(api.postEvent(site.getString("secretKey"), "{\"events\":[" + events + "]}")
                        .status())
                .isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && api.adminGet(
                                        TestServer.ADMIN_USER,
                                        TestServer.ADMIN_PASSWORD,
                                        "/api/v1/admin/profiles?site=" + site.getString("id"))
                                .json()
                                .asJsonObject()
                                .getJsonArray("profiles")
                                .size()
                        < 3) {
            Thread.sleep(300);
        }

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("segments");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.click("segment-new");
        console.type("segment-key", "kayak-curious");
        console.type("segment-name", "Kayak curious");
        console.click("segment-preview-button");
        console.waiting()
                .until(d -> d.findElement(By.id("segment-preview")).getText().contains("2 of 3 profiles match"));
        Browser.screenshot(driver, "segment-editor");
        console.click("segment-create");
        console.awaitGridCell("segments-grid", "kayak-curious");
        console.awaitGridCell("segment-members", "jon");
        console.waiting()
                .until(d -> !d.findElements(By.cssSelector("#segment-history[data-drawn] svg"))
                        .isEmpty());
        Browser.screenshot(driver, "segments");
        assertThat(console.text("segment-title")).contains("2 members");
    }

    @Test
    void the_rules_view_dry_runs_a_rule_refuses_an_unknown_placeholder_and_saves_it() throws Exception {
        String name = "Rules view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");
        String siteId = site.getString("id");
        assertThat(api.postEvent(site.getString("secretKey"), """
                {"events":[{"type":"nps","subjectId":"dee","value":2},{"type":"nps","subjectId":"pat","value":10}]}""").status()).isEqualTo(202);
        assertThat(api.adminPost(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/segments",
                                """
                {"siteId":"%s","key":"detractors","name":"Detractors","rule":{"field":"npsClass","op":"=","value":"detractor"}}""".formatted(siteId))
                        .status())
                .isEqualTo(201);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && api.adminGet(
                                        TestServer.ADMIN_USER,
                                        TestServer.ADMIN_PASSWORD,
                                        "/api/v1/admin/profiles?site=" + siteId)
                                .json()
                                .asJsonObject()
                                .getJsonArray("profiles")
                                .size()
                        < 2) {
            Thread.sleep(300);
        }

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("rules");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.click("rule-new");
        console.type("rule-key", "apologise");
        console.type("rule-name", "Apologise to detractors");
        var js = (JavascriptExecutor) driver;
        // the visual builder writes the condition: two rows (in a segment, and a profile field) joined by "all of"
        console.click("rule-builder-add");
        console.click("rule-builder-add");
        console.waiting()
                .until(d -> String.valueOf(js.executeScript("return document.getElementById('rule-when').value"))
                        .contains("\"all\""));
        assertThat(String.valueOf(js.executeScript("return document.getElementById('rule-when').value")))
                .contains("\"segment\": \"detractors\"");
        Browser.screenshot(driver, "rule-builder");
        String setTemplate =
                "var a = document.getElementById('rule-template'); a.value = arguments[0]; a.dispatchEvent(new Event('change'));";
        js.executeScript(setTemplate, "Hi {{subject}}, how is your {{mood}}?");
        js.executeScript("document.getElementById('rule-dry-run-button').scrollIntoView({block: 'center'})");
        console.click("rule-dry-run-button");
        console.waiting()
                .until(d -> d.findElement(By.id("rule-errors")).getText().contains("unknown placeholder {{mood}}"));
        js.executeScript(setTemplate, "Sorry we let you down, {{subject}}. Your {{latestNps}}/10 is on us to fix.");
        console.click("rule-dry-run-button");
        console.waiting()
                .until(d -> d.findElement(By.id("rule-dry-run")).getText().contains("1 of 2 profiles match now"));
        console.awaitGridCell("rule-dry-run-sample", "Sorry we let you down, dee. Your 2/10 is on us to fix.");
        js.executeScript("document.getElementById('rule-dry-run-sample').scrollIntoView({block: 'center'})");
        Browser.screenshot(driver, "rule-editor");
        console.click("rule-save");
        console.awaitGridCell("rules-grid", "apologise");
        console.waiting()
                .until(d -> !d.findElements(By.cssSelector("#rule-hits[data-drawn] svg"))
                        .isEmpty());
        assertThat(console.text("rule-definition")).contains("\"segment\": \"detractors\"", "{{latestNps}}");
        Browser.screenshot(driver, "rules");
    }

    @Test
    void the_recommendations_view_fits_models_configures_a_slot_and_previews_a_persons_list() throws Exception {
        String name = "Recommendations view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");
        String key = site.getString("secretKey");
        assertThat(api.putItems(key, """
                {"items":[{"id":"tent","title":"Trail tent","categories":["Camping"]},{"id":"stove","title":"Camp stove","categories":["Camping"]},
                          {"id":"mat","title":"Sleeping mat","categories":["Camping"]},{"id":"kayak","title":"Kayak","categories":["Water"]},
                          {"id":"paddle","title":"Paddle","categories":["Water"]},{"id":"vest","title":"Life vest","categories":["Water"]}]}""").status()).isEqualTo(200);
        StringBuilder events = new StringBuilder();
        String[][] baskets = {
            {"tent", "stove", "mat"},
            {"tent", "stove"},
            {"kayak", "paddle", "vest"},
            {"kayak", "paddle"},
            {"tent", "mat"}
        };
        for (int p = 0; p < baskets.length; p++) {
            for (String item : baskets[p]) {
                events.append(events.length() == 0 ? "" : ",")
                        .append("{\"type\":\"purchase\",\"subjectId\":\"c" + p + "\",\"itemId\":\"" + item + "\"}");
            }
        }
        events.append(",{\"type\":\"page_view\",\"subjectId\":\"ada\",\"itemId\":\"tent\"}");
        assertThat(api.postEvent(key, "{\"events\":[" + events + "]}").status()).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && api.adminGet(
                                        TestServer.ADMIN_USER,
                                        TestServer.ADMIN_PASSWORD,
                                        "/api/v1/admin/profiles?site=" + site.getString("id"))
                                .json()
                                .asJsonObject()
                                .getJsonArray("profiles")
                                .size()
                        < 6) {
            Thread.sleep(300);
        }

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("recommendations");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.click("models-refit");
        console.waiting()
                .until(d ->
                        d.findElement(By.id("recommendation-models")).getText().contains("v1"));
        console.waiting()
                .until(d -> !d.findElements(By.cssSelector("#models-fit-times[data-drawn] svg"))
                        .isEmpty());
        console.click("slot-new");
        console.click("slot-save");
        console.awaitGridCell("recommendation-slots", "home");
        console.type("preview-person", "ada");
        console.click("preview-show");
        console.awaitGridCell("preview-items", "because you liked Trail tent");
        List<String> cells = console.awaitGridCell("preview-items", "because you liked Trail tent");
        assertThat(cells).contains("Camp stove").doesNotContain("Trail tent");
        Browser.screenshot(driver, "recommendations");
        // the offline evaluation from the console (a small MovieLens-like dataset the test server is given)
        console.click("offline-run");
        console.waiting().until(d -> !d.findElements(By.id("offline-summary")).isEmpty());
        assertThat(console.text("offline-summary")).contains("tiny, split seed 2020: best on valid");
        console.awaitGridCell("offline-rows", "hybrid");
        console.waiting()
                .until(d -> !d.findElements(By.cssSelector("#offline-chart[data-drawn] svg"))
                        .isEmpty());
        ((JavascriptExecutor) driver).executeScript("document.getElementById('offline-chart').scrollIntoView()");
        Browser.screenshot(driver, "recommendations-offline");
    }

    @Test
    void a_bandit_slot_shows_its_arms_and_off_policy_estimates() throws Exception {
        String name = "Bandit view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");
        String key = site.getString("secretKey");
        assertThat(api.putItems(key, """
                {"items":[{"id":"a","title":"Alpha"},{"id":"b","title":"Beta"},{"id":"c","title":"Gamma"},{"id":"d","title":"Delta"}]}""").status()).isEqualTo(200);
        assertThat(api.postEvent(key, """
                {"events":[{"type":"purchase","subjectId":"x1","itemId":"a"},{"type":"purchase","subjectId":"x1","itemId":"b"},
                           {"type":"purchase","subjectId":"x2","itemId":"b"},{"type":"purchase","subjectId":"x2","itemId":"c"}]}""").status()).isEqualTo(202);
        assertThat(api.adminPut(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/recommendations/slots/side?site=" + site.getString("id"),
                                "{\"strategy\":\"bandit\",\"arms\":[\"hybrid\",\"popular\"],\"size\":2}")
                        .status())
                .isEqualTo(200);
        for (int i = 0; i < 6; i++) {
            String list = api.getWithKey(key, "/api/v1/recommendations?slot=side&person=v" + i + "&device=desktop")
                    .json()
                    .asJsonObject()
                    .getJsonArray("items")
                    .getJsonObject(0)
                    .getString("id");
            if (i % 2 == 0) {
                api.postEvent(key, "{\"type\":\"click\",\"subjectId\":\"v" + i + "\",\"itemId\":\"" + list + "\"}");
            }
        }
        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("recommendations");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.awaitGridCell("recommendation-slots", "side");
        driver.findElements(By.cssSelector("#recommendation-slots vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().strip().equals("side"))
                .findFirst()
                .orElseThrow()
                .click();
        console.awaitGridCell("bandit-arms", "desktop");
        console.waiting()
                .until(d -> d.findElements(By.cssSelector("#bandit-off-policy vaadin-grid-cell-content")).stream()
                        .anyMatch(c -> c.getText().strip().equals("popular")
                                || c.getText().strip().equals("hybrid")));
        ((JavascriptExecutor) driver).executeScript("document.getElementById('bandit-off-policy').scrollIntoView()");
        Browser.screenshot(driver, "recommendations-bandit");
    }

    @Test
    void the_alerts_view_lists_a_drift_in_ratings() throws Exception {
        String name = "Alerts view " + UUID.randomUUID().toString().substring(0, 8);
        var site = api.createSite(name, "implied");
        for (int half = 0; half < 2; half++) { // two requests: the happy ratings are stored (and announced) first
            StringBuilder events = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                int stars = half == 0 ? 4 + i % 2 : 1 + i % 2;
                events.append(i == 0 ? "" : ",")
                        .append("{\"type\":\"rating\",\"subjectId\":\"a" + half + "-" + i
                                + "\",\"itemId\":\"sku\",\"value\":" + stars + "}");
            }
            Api.Reply sent = api.postEvent(site.getString("secretKey"), "{\"events\":[" + events + "]}");
            assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)
                && api.adminGet(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/alerts?site=" + site.getString("id"))
                        .json()
                        .asJsonObject()
                        .getJsonArray("alerts")
                        .isEmpty()) {
            Thread.sleep(300);
        }
        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("alerts");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.awaitGridCell("alerts-grid", "rating drift ↓");
        Browser.screenshot(driver, "alerts");
        assertThat(console.bodyText()).contains("The average rating is falling");
    }

    @Test
    void the_consent_ledger_shows_a_subjects_choices_and_history() {
        String name = "Consent view " + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = api.createSite(name, "explicit").getString("secretKey");
        api.postConsent(
                secretKey,
                "{\"subjectId\":\"erin\",\"purposes\":{\"analytics\":true,\"marketing\":true},\"policyVersion\":\"v7\"}");
        api.postConsent(secretKey, "{\"subjectId\":\"erin\",\"purposes\":{\"marketing\":false}}");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("consent");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.type("consent-subject", "erin");
        console.click("consent-look-up");
        List<String> cells = console.awaitGridCell("consent-ledger", "v7");
        Browser.screenshot(driver, "consent");

        assertThat(cells).contains("analytics", "marketing", "granted", "withdrawn", "api");
        assertThat(console.text("consent-purposes")).contains("analytics", "personalization (default)");
    }

    @Test
    void the_feedback_explorer_exports_the_filtered_events_as_csv() throws Exception {
        String item = "csv-item-" + UUID.randomUUID().toString().substring(0, 8);
        String secretKey = api.createSite("Export " + item).getString("secretKey");
        api.postEvent(secretKey, """
                {"type":"text","subjectId":"v, \\"quoted\\"","itemId":"%s","text":"line one\\nline two, with comma"}""".formatted(item));
        api.postEvent(secretKey, "{\"type\":\"rating\",\"subjectId\":\"v2\",\"itemId\":\"" + item + "\",\"value\":2}");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("feedback");
        console.type("filter-item", item);
        console.awaitGridCell("feedback-grid", item);
        String csv = console.download("export-csv");
        var records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();

        assertThat(records).hasSize(2);
        assertThat(records).extracting(r -> r.get("subject_id")).containsExactlyInAnyOrder("v, \"quoted\"", "v2");
        assertThat(records).extracting(r -> r.get("text")).contains("line one\nline two, with comma");
    }

    @Test
    void an_admin_rotates_a_leaked_secret_key_from_the_console() {
        String name = "Rotate " + UUID.randomUUID().toString().substring(0, 8);
        String oldKey = api.createSite(name).getString("secretKey");
        String event = "{\"type\":\"csat\",\"subjectId\":\"v\",\"value\":5}";

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("sites");
        console.awaitGridCell("sites-grid", name);
        console.clickButtonWithText("Manage");
        console.click("rotate-secret");
        console.confirm();
        String newKey = console.value("new-key");
        Browser.screenshot(driver, "key-rotated");

        assertThat(newKey).startsWith("sk_");
        assertThat(api.postEvent(oldKey, event).status()).isEqualTo(401);
        assertThat(api.postEvent(newKey, event).status()).isEqualTo(202);
    }

    @Test
    void an_admin_switches_identity_verification_and_reads_the_secret_in_the_console() {
        String name = "Verify " + UUID.randomUUID().toString().substring(0, 8);
        String siteId = api.createSite(name).getString("id");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("sites");
        console.awaitGridCell("sites-grid", name);
        console.clickButtonWithText("Manage");
        console.click("verification-reveal");
        String shown = console.value("verification-secret");
        console.click("identity-verification");
        console.awaitGridCell("sites-grid", "Claims only");
        Browser.screenshot(driver, "site-verification");

        var api = this.api.adminGet(
                TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/identity/verification?site=" + siteId);
        assertThat(shown).startsWith("iv_").isEqualTo(api.json().asJsonObject().getString("secret"));
        assertThat(api.json().asJsonObject().getBoolean("required")).isFalse();
    }

    @Test
    void a_wrong_password_is_refused_with_a_message() {
        console.signIn(TestServer.ADMIN_USER, "not-the-password");

        assertThat(console.loginError()).contains("Incorrect username or password");
        assertThat(console.hasElement("logout")).isFalse();
        Browser.screenshot(driver, "login-error");
    }

    @Test
    void an_auditor_cannot_open_the_feedback_explorer() {
        String auditor = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(auditor, "auditor-password-1", "AUDITOR");

        console.signIn(auditor, "auditor-password-1").awaitSignedIn();
        console.open("feedback");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("not-available")));

        assertThat(console.bodyText()).contains("not available to your role");
        assertThat(console.hasElement("feedback-grid")).isFalse();
        Browser.screenshot(driver, "auditor-denied");
    }

    /** Units of the experiment's first (conversion) metric that converted, summed over its variants. */
    private long convertedUnits(String experimentId) {
        var metric = api.adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/experiments/" + experimentId + "/results")
                .json()
                .asJsonObject()
                .getJsonArray("metrics")
                .getJsonObject(0);
        return metric.getJsonArray("values").stream()
                .map(JsonValue::asJsonObject)
                .mapToLong(v -> Math.round(v.getJsonNumber("mean").doubleValue()
                        * v.getJsonNumber("n").longValue()))
                .sum();
    }

    /** Snapshots of the experiment's results taken after the given time. */
    private static long snapshots(String experimentId, Instant after) {
        return AttuneServerExtension.server()
                .count(
                        "SELECT count(DISTINCT taken_at) FROM personalization.experiment_snapshot "
                                + "WHERE experiment_id = ?::uuid AND taken_at > ?",
                        experimentId,
                        Timestamp.from(after));
    }
}
