package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The visitor's side in a real headless Chromium: the widget on the demo shop and on host pages served from another
 * origin, consent, surveys (trigger, cap, keyboard only, hostile CSS), offline answers delivered exactly once, and a
 * recommendation slot refilled after the visitor's own rating.
 */
@AttuneIT
class WidgetIT {

    private WebDriver driver;
    private Api api;
    private String base;
    private HttpServer host;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        driver = Browser.start();
        base = AttuneServerExtension.server().baseUrl();
        api = new Api(base);
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            String html = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (html == null ? "not found" : html).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(html == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        host.start();
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        host.stop(0);
    }

    private String hostOrigin() {
        return "http://127.0.0.1:" + host.getAddress().getPort();
    }

    /** A site whose widget may run on the demo shop (Attune's own origin) and on the test's host pages. */
    private JsonObject site(String consentMode) {
        return api.createSite("Widget " + UUID.randomUUID(), consentMode, base, hostOrigin());
    }

    private String survey(String siteId, String definition) {
        Api.Reply created = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/surveys",
                "{\"siteId\":\"" + siteId + "\",\"name\":\"Survey " + UUID.randomUUID() + "\",\"definition\":"
                        + definition + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().asJsonObject().getString("id");
        Api.Reply active = api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/surveys/" + id + "/status",
                "{\"status\":\"active\"}");
        assertThat(active.status()).as(active.body()).isEqualTo(200);
        return id;
    }

    private String page(String path, String publicKey, String head, String body) {
        pages.put(path, """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>%s</head>
                <body><h1>A host page</h1>%s
                <script src="%s/widget.js" data-site="%s" data-consent-prompt="on" async></script></body></html>
                """.formatted(head, body, base, publicKey));
        return hostOrigin() + path;
    }

    @Test
    void on_the_demo_shop_consent_an_nps_answer_and_a_rating_reach_the_database_and_the_slot_follows_the_rating()
            throws Exception {
        JsonObject site = site("implied");
        String siteId = site.getString("id");
        survey(siteId, """
                {"questions":[{"id":"nps","type":"nps","text":"How likely are you to recommend Attune Cinema to a friend?"}],
                 "targeting":{"urlPattern":"/demo*"},"trigger":{"type":"time_on_page","seconds":2},"thankYou":"Thank you!"}""");
        driver.get(base + "/demo/?key=" + site.getString("publicKey"));
        List<WebElement> cards = driver.findElements(By.cssSelector(".stars"));
        assertThat(cards).as("the demo shop shows items to rate").hasSizeGreaterThanOrEqualTo(4);
        List<String[]> items = new ArrayList<>();
        for (WebElement c : cards.subList(0, 4)) {
            items.add(new String[] {c.getAttribute("data-item"), c.getAttribute("data-title")});
        }
        // Other visitors rated the first three items; the recommendation slot will show them.
        for (int i = 0; i < 3; i++) {
            Api.Reply r = api.postEvent(site.getString("secretKey"), """
                    {"type":"rating","subjectId":"seed-%d","itemId":"%s","value":%d,"properties":{"title":"%s"}}""".formatted(
                            i, items.get(i)[0], 5 - i, items.get(i)[1].replace("\"", "\\\"")));
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }

        SearchContext widget = widget();
        WebElement prompt = waitFor(() -> first(widget, ".box"));
        assertThat(prompt.getText()).contains("We use your feedback");
        Browser.screenshot(driver, "widget-consent");
        button(prompt, "Accept").click();

        WebElement survey = waitFor(() -> boxWith(widget, "recommend Attune Cinema"));
        Browser.screenshot(driver, "widget-survey-nps");
        survey.findElement(By.cssSelector("[role=radio][data-value='9']")).click();
        button(survey, "Send").click();
        waitFor(() -> boxWith(widget, "Thank you!"));
        String subject = (String) js("return attune.subject()");

        waitUntil(() -> count(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? AND type = 'nps' "
                                + "AND value = 9 AND properties->>'surveyId' IS NOT NULL",
                        siteId,
                        subject)
                == 1);
        assertThat(count(
                        "SELECT count(*) FROM feedback.consent_entry WHERE site_id = ?::uuid AND subject_id = ? "
                                + "AND purpose = 'analytics' AND granted AND source = 'widget'",
                        siteId,
                        subject))
                .isEqualTo(1);

        // The slot lists what others rated; once this visitor rates the top item it leaves their picks, live.
        // The slot fills as the models refit on the seed ratings: the first rated item can show before the other two,
        // so wait for all three (reloading now and then, as a visitor would), not for the first.
        driver.navigate().refresh();
        long[] reloadedAt = {System.nanoTime()};
        SearchContext slot = waitFor(() -> {
            SearchContext s = slotWith(items.get(0)[0]);
            if (s != null
                    && s.findElements(By.cssSelector("a[data-attune-item]")).size() >= 3) {
                return s;
            }
            if (System.nanoTime() - reloadedAt[0] > TimeUnit.SECONDS.toNanos(4)) {
                driver.navigate().refresh();
                reloadedAt[0] = System.nanoTime();
            }
            return null;
        });
        assertThat(slot.findElements(By.cssSelector("a[data-attune-item]"))).hasSizeGreaterThanOrEqualTo(3);
        Browser.screenshot(driver, "demo-shop");
        driver.findElement(By.cssSelector(".stars[data-item='" + items.get(0)[0] + "'] button[data-value='4']"))
                .click();
        waitUntil(() -> count(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? AND type = 'rating' "
                                + "AND item_id = '" + items.get(0)[0] + "' AND value = 4",
                        siteId,
                        subject)
                == 1);
        waitUntil(() -> slotWith(items.get(0)[0]) == null);
    }

    @Test
    void a_survey_appears_when_its_trigger_fires_and_not_again_inside_its_cap() throws Exception {
        JsonObject site = site("explicit");
        String surveyId = survey(site.getString("id"), """
                {"questions":[{"id":"q","type":"thumbs","text":"Did you find what you were looking for?"}],
                 "trigger":{"type":"click","selector":"#help"},"frequency":{"maxDisplays":1}}""");
        String url = page("/cap", site.getString("publicKey"), "", "<button id=\"help\">Help</button>");
        driver.get(url);
        SearchContext widget = widget();
        button(waitFor(() -> first(widget, ".box")), "Accept").click();
        waitUntil(() ->
                Boolean.TRUE.equals(js("return !!(window.attune && attune.ready())"))); // connected, triggers armed
        assertThat(boxWith(widget, "looking for"))
                .as("no survey before its trigger")
                .isNull();

        driver.findElement(By.id("help")).click();
        WebElement survey = waitFor(() -> boxWith(widget, "looking for"));
        survey.findElement(By.cssSelector("button.x")).click();

        driver.navigate().refresh();
        waitUntil(() -> Boolean.TRUE.equals(
                js("return !!(window.attune && attune.ready())"))); // hello answered, triggers armed
        driver.findElement(By.id("help")).click();
        Thread.sleep(2500);
        assertThat(driver.findElements(By.cssSelector("[data-attune-widget]")).stream()
                        .map(h -> boxWith(h.getShadowRoot(), "looking for"))
                        .filter(Objects::nonNull)
                        .toList())
                .as("shown once: the cap holds")
                .isEmpty();
        assertThat(count("SELECT count(*) FROM feedback.survey_display WHERE survey_id = ?::uuid", surveyId))
                .isEqualTo(1);
    }

    @Test
    void a_survey_activated_in_the_console_reaches_an_open_widget_without_a_reload() throws Exception {
        JsonObject site = site("explicit");
        driver.get(page("/live", site.getString("publicKey"), "", "<p>Waiting.</p>"));
        SearchContext widget = widget();
        button(waitFor(() -> first(widget, ".box")), "Accept").click();
        waitUntil(() ->
                Boolean.TRUE.equals(js("return !!(window.attune && attune.ready())"))); // connected, triggers armed
        assertThat(boxWith(widget, "brand-new")).isNull();
        long started = System.nanoTime();
        survey(site.getString("id"), """
                {"questions":[{"id":"q","type":"csat","text":"How satisfied are you with the brand-new checkout?"}],
                 "trigger":{"type":"time_on_page","seconds":0}}""");
        waitFor(() -> boxWith(widget, "brand-new"));
        System.out.printf(
                "survey activated -> shown in the open widget: %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void the_widget_learns_the_visitors_experiment_variants_and_they_match_the_rest_api() throws Exception {
        JsonObject site = site("implied");
        Api.Reply created = api.adminPost(
                TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/experiments", """
                {"siteId":"%s","key":"hero","name":"Hero text","variants":[{"key":"control","weight":50,"payload":{"text":"Hero"}},
                 {"key":"bold","weight":50,"payload":{"text":"BOLD HERO"}}],
                 "metrics":[{"key":"clicks","kind":"conversion","eventType":"click","windowHours":24}]}""".formatted(
                                site.getString("id")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/experiments/" + created.json().asJsonObject().getString("id") + "/status",
                "{\"status\":\"running\"}");
        driver.get(page(
                "/experiment",
                site.getString("publicKey"),
                "",
                "<p id=\"hero\" data-attune-experiment=\"hero\">Hero</p>"));
        SearchContext widget = widget();
        button(waitFor(() -> first(widget, ".box")), "Accept").click();
        String variant = waitFor(() -> (String) js("return attune.variant('hero')"));
        String subject = (String) js("return attune.subject()");
        var rest = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/assignments?subject=" + subject))
                                .header("Authorization", "Bearer " + site.getString("secretKey"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(rest.body()).contains("\"hero\":\"" + variant + "\"");
        assertThat(count(
                        "SELECT count(*) FROM personalization.assignment WHERE unit = ? AND device = 'desktop'",
                        subject))
                .as("exposed once, on the device the widget reported")
                .isEqualTo(1);
        String expected = variant.equals("bold") ? "BOLD HERO" : "Hero";
        waitUntil(() -> expected.equals(driver.findElement(By.id("hero")).getText()));
        assertThat(driver.findElement(By.id("hero")).getAttribute("data-attune-variant"))
                .isEqualTo(variant);
        assertThat(js("return attune.payload('hero').text")).isEqualTo(expected);
    }

    @Test
    void an_answer_given_offline_is_delivered_once_after_coming_back_even_across_a_reload() throws Exception {
        JsonObject site = site("explicit");
        String siteId = site.getString("id");
        String url = page(
                "/offline",
                site.getString("publicKey"),
                "",
                "<button id=\"rate\" onclick=\"attune.feedback({type:'nps', value:7})\">Rate 7</button>");
        driver.get(url);
        SearchContext widget = widget();
        button(waitFor(() -> first(widget, ".box")), "Accept").click();
        String subject = (String) js("return attune.subject()");

        offline(true);
        driver.findElement(By.id("rate")).click();
        assertThat(js("return attune.pending()")).isEqualTo(1L);
        String outbox = (String) js("return localStorage.getItem('attune.outbox')");
        Thread.sleep(1500);
        assertThat(npsCount(siteId, subject)).as("nothing leaves while offline").isZero();

        offline(false);
        driver.navigate().refresh(); // the queued answer survives the reload and goes out from the new page
        waitUntil(() -> npsCount(siteId, subject) == 1);
        waitUntil(() -> Long.valueOf(0).equals(js("return attune.pending()")));

        // An acknowledgement lost on the way: the same event is sent again from the outbox; it is stored once.
        js("localStorage.setItem('attune.outbox', arguments[0])", outbox);
        driver.navigate().refresh();
        waitUntil(() -> Long.valueOf(0).equals(js("return attune.pending()")));
        assertThat(npsCount(siteId, subject)).isEqualTo(1);
    }

    @Test
    void when_the_socket_is_blocked_the_widget_falls_back_to_http_and_still_delivers() throws Exception {
        JsonObject site = site("explicit");
        String siteId = site.getString("id");
        ((HasCdp) driver).executeCdpCommand("Network.enable", Map.of());
        ((HasCdp) driver).executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/ws/v1/collect*")));
        driver.get(page(
                "/blocked",
                site.getString("publicKey"),
                "",
                "<button id=\"rate\" onclick=\"attune.feedback({type:'nps', value:7})\">Rate 7</button>"));
        SearchContext widget = widget();
        button(waitFor(() -> first(widget, ".box")), "Accept").click();
        driver.findElement(By.id("rate")).click();
        String subject = (String) js("return attune.subject()");
        waitUntil(
                () -> npsCount(siteId, subject) == 1); // after three failed socket attempts, over POST /api/v1/collect
        waitUntil(() -> Long.valueOf(0).equals(js("return attune.pending()")));
        assertThat(count(
                        "SELECT count(*) FROM feedback.consent_entry WHERE site_id = ?::uuid AND subject_id = ? AND purpose = 'analytics'",
                        siteId,
                        subject))
                .as("consent went over HTTP too")
                .isEqualTo(1);
    }

    @Test
    void on_a_phone_the_survey_fits_the_screen_and_speaks_the_pages_language() throws Exception {
        JsonObject site = site("explicit");
        survey(site.getString("id"), """
                {"questions":[{"id":"q","type":"csat","text":"Wie zufrieden sind Sie mit uns?"}],
                 "targeting":{"devices":["mobile"]},"trigger":{"type":"time_on_page","seconds":0}}""");
        driver.manage().window().setSize(new Dimension(390, 844));
        pages.put("/de", """
                <!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
                <title>Seite</title></head><body><h1>Eine Seite</h1>
                <script src="%s/widget.js" data-site="%s" data-consent-prompt="on" async></script></body></html>""".formatted(base, site.getString("publicKey")));
        driver.get(hostOrigin() + "/de");
        SearchContext widget = widget();
        button(waitFor(() -> first(widget, ".box")), "Akzeptieren").click();
        WebElement survey = waitFor(() -> boxWith(widget, "Wie zufrieden"));
        Browser.screenshot(driver, "widget-mobile-de");
        Object width = js(
                "return document.querySelector('[data-attune-widget]').shadowRoot.querySelector('.box').getBoundingClientRect().width");
        assertThat(((Number) width).doubleValue()).isLessThanOrEqualTo(390);
        assertThat(survey.findElement(By.cssSelector("[role=radio][data-value='5']"))
                        .getAttribute("aria-label"))
                .isEqualTo("Sehr zufrieden");
        assertThat(survey.getText()).contains("Senden");
    }

    @Test
    void page_views_scroll_depth_custom_events_and_exit_intent_each_fire_their_survey_and_signals_are_tracked()
            throws Exception {
        JsonObject site = site("explicit");
        String siteId = site.getString("id");
        api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/surveys/settings/" + siteId,
                "{\"cooldownHours\":0}");
        survey(
                siteId,
                "{\"questions\":[{\"id\":\"q\",\"type\":\"thumbs\",\"text\":\"Second page?\"}],\"trigger\":{\"type\":\"page_views\",\"count\":2}}");
        survey(
                siteId,
                "{\"questions\":[{\"id\":\"q\",\"type\":\"thumbs\",\"text\":\"Read it all?\"}],\"trigger\":{\"type\":\"scroll_depth\",\"percent\":80}}");
        survey(
                siteId,
                "{\"questions\":[{\"id\":\"q\",\"type\":\"thumbs\",\"text\":\"Checkout easy?\"}],\"trigger\":{\"type\":\"event\",\"name\":\"checkout\"}}");
        survey(
                siteId,
                "{\"questions\":[{\"id\":\"q\",\"type\":\"thumbs\",\"text\":\"Leaving already?\"}],\"trigger\":{\"type\":\"exit_intent\"}}");
        pages.put("/spa", """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>SPA</title></head><body>
                <a id="next" href="#" onclick="history.pushState({}, '', '/spa/two'); return false">Next page</a>
                <a id="item" href="#" data-attune-item="sku-7" data-attune-title="Trail shoes" onclick="return false">Trail shoes</a>
                <div style="height:4000px">Long page</div>
                <script src="%s/widget.js" data-site="%s" data-consent-prompt="on" data-track="pageviews clicks dwell scroll" async></script>
                </body></html>""".formatted(base, site.getString("publicKey")));
        driver.get(hostOrigin() + "/spa");
        SearchContext widget = widget();
        button(waitFor(() -> first(widget, ".box")), "Accept").click();
        waitUntil(() ->
                Boolean.TRUE.equals(js("return !!(window.attune && attune.ready())"))); // connected, triggers armed
        assertThat(widget.findElements(By.cssSelector(".box")))
                .as("nothing fired yet")
                .isEmpty();

        driver.findElement(By.id("item")).click();
        driver.findElement(By.id("next")).click(); // single-page navigation: page view 2
        closeSurvey(widget, "Second page?");
        js("window.scrollTo(0, document.documentElement.scrollHeight)");
        closeSurvey(widget, "Read it all?");
        js("attune.track('custom', {name: 'checkout'})");
        closeSurvey(widget, "Checkout easy?");
        js("document.dispatchEvent(new MouseEvent('mouseout', {clientY: -1, relatedTarget: null, bubbles: true}))");
        closeSurvey(widget, "Leaving already?");

        String subject = (String) js("return attune.subject()");
        waitUntil(() -> count(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? AND type = 'page_view'",
                        siteId,
                        subject)
                == 2);
        waitUntil(() -> count(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? AND type = 'click' "
                                + "AND item_id = 'sku-7' AND properties->>'title' = 'Trail shoes'",
                        siteId,
                        subject)
                == 1);
        waitUntil(() -> count(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? AND type = 'custom' "
                                + "AND properties->>'name' = 'checkout'",
                        siteId,
                        subject)
                == 1);
        waitUntil(() -> count(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? AND type = 'dwell'",
                        siteId,
                        subject)
                >= 1); // the first page's dwell, sent on the single-page navigation
    }

    private void closeSurvey(SearchContext widget, String text) {
        WebElement survey = waitFor(() -> boxWith(widget, text));
        survey.findElement(By.cssSelector("button.x")).click();
        waitUntil(() -> boxWith(widget, text) == null);
    }

    @Test
    void a_host_page_with_hostile_css_does_not_change_the_widget() throws Exception {
        JsonObject site = site("explicit");
        survey(site.getString("id"), """
                {"questions":[{"id":"q","type":"nps","text":"How likely are you to recommend us?"}],
                 "trigger":{"type":"time_on_page","seconds":0},"frequency":{"maxDisplays":5}}""");
        String plain = page("/plain", site.getString("publicKey"), "", "<p>Plain page.</p>");
        String hostile = page("/hostile", site.getString("publicKey"), """
                <style>*{font-family:"Comic Sans MS",cursive!important;color:#f0f!important;letter-spacing:3px!important}
                div,section{padding:30px!important;border:5px dashed lime!important;background:yellow!important}
                button{display:inline!important;font-size:30px!important;transform:rotate(3deg)!important}
                h2,p{font-size:40px!important;text-transform:uppercase!important}
                [data-attune-widget]{position:absolute!important;top:0!important;transform:scale(.5)!important}</style>""", "<div><p>Hostile page.</p></div>");
        Api.Reply cooldown = api.adminPut(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/surveys/settings/" + site.getString("id"),
                "{\"cooldownHours\":0}");
        assertThat(cooldown.status()).as(cooldown.body()).isEqualTo(200);
        Map<String, Object> onPlain = surveyStyles(plain, "widget-plain");
        Map<String, Object> onHostile = surveyStyles(hostile, "widget-hostile-css");
        assertThat(onHostile).isEqualTo(onPlain);
    }

    private Map<String, Object> surveyStyles(String url, String screenshot) throws Exception {
        driver.get(url);
        js("localStorage.clear()"); // a new visitor
        driver.navigate().refresh();
        SearchContext widget = widget();
        button(waitFor(() -> first(widget, ".box")), "Accept").click();
        waitFor(() -> boxWith(widget, "recommend us"));
        Browser.screenshot(driver, screenshot);
        @SuppressWarnings("unchecked")
        Map<String, Object> styles = (Map<String, Object>) js("""
                var root = document.querySelector('[data-attune-widget]').shadowRoot, box = root.querySelector('.box');
                function s(el, props) { var cs = getComputedStyle(el); return props.map(function (p) { return p + '=' + cs.getPropertyValue(p); }).join(';'); }
                var r = box.getBoundingClientRect();
                return {box: s(box, ['font-family', 'font-size', 'color', 'background-color', 'padding-top', 'border-top-style', 'position']),
                        title: s(box.querySelector('h2'), ['font-size', 'text-transform', 'letter-spacing', 'color']),
                        option: s(box.querySelector('[role=radio]'), ['display', 'font-size', 'transform', 'font-family']),
                        size: Math.round(r.width) + 'x' + Math.round(r.height), right: Math.round(innerWidth - r.right)};""");
        return styles;
    }

    @Test
    void a_survey_can_be_completed_with_the_keyboard_alone() throws Exception {
        JsonObject site = site("explicit");
        String siteId = site.getString("id");
        survey(siteId, """
                {"questions":[{"id":"nps","type":"nps","text":"How likely are you to recommend us?"},
                              {"id":"why","type":"text","text":"What is the main reason for your score?"}],
                 "trigger":{"type":"time_on_page","seconds":0},"thankYou":"Thanks a lot"}""");
        driver.get(page("/keyboard", site.getString("publicKey"), "", "<a href=\"#\">A link</a>"));
        SearchContext widget = widget();
        waitFor(() -> first(widget, ".box"));
        Actions keys = new Actions(driver);
        keys.sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform(); // from "Only necessary" to "Accept"
        waitFor(() -> boxWith(widget, "recommend us"));
        Thread.sleep(300);
        for (int i = 0; i < 8; i++) {
            keys.sendKeys(Keys.ARROW_RIGHT).perform();
        }
        Browser.screenshot(driver, "widget-keyboard");
        keys.sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
        waitFor(() -> boxWith(widget, "main reason"));
        keys.sendKeys("Fast delivery").sendKeys(Keys.TAB).sendKeys(Keys.ENTER).perform();
        waitFor(() -> boxWith(widget, "Thanks a lot"));
        String subject = (String) js("return attune.subject()");
        waitUntil(() -> count(
                                "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? AND type = 'nps' AND value = 8",
                                siteId,
                                subject)
                        == 1
                && count(
                                "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? "
                                        + "AND type = 'text' AND text = 'Fast delivery'",
                                siteId,
                                subject)
                        == 1);
    }

    // --- helpers ---

    private SearchContext widget() {
        WebElement hostElement = waitFor(() -> driver.findElements(By.cssSelector("[data-attune-widget]")).stream()
                .findFirst()
                .orElse(null));
        return hostElement.getShadowRoot();
    }

    private static WebElement first(SearchContext root, String css) {
        return root.findElements(By.cssSelector(css)).stream().findFirst().orElse(null);
    }

    private static WebElement boxWith(SearchContext root, String text) {
        try {
            return root.findElements(By.cssSelector(".box")).stream()
                    .filter(b -> b.getText().contains(text))
                    .findFirst()
                    .orElse(null);
        } catch (StaleElementReferenceException e) {
            return null;
        }
    }

    private SearchContext slotWith(String itemId) {
        for (WebElement slot : driver.findElements(By.cssSelector("[data-attune-slot]"))) {
            if (slot.getAttribute("data-attune-filled") != null) {
                SearchContext root = slot.getShadowRoot();
                if (!root.findElements(By.cssSelector("a[data-attune-item='" + itemId + "']"))
                        .isEmpty()) {
                    return root;
                }
            }
        }
        return null;
    }

    private static WebElement button(WebElement box, String text) {
        return box.findElements(By.cssSelector("button")).stream()
                .filter(b -> b.getText().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button " + text + " in " + box.getText()));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private void offline(boolean offline) {
        ((HasCdp) driver).executeCdpCommand("Network.enable", Map.of());
        ((HasCdp) driver)
                .executeCdpCommand(
                        "Network.emulateNetworkConditions",
                        Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private <T> T waitFor(Supplier<T> found) {
        return new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> found.get());
    }

    private void waitUntil(Supplier<Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> condition.get() ? Boolean.TRUE : null);
    }

    private long npsCount(String siteId, String subject) {
        return count(
                "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ? AND type = 'nps' AND value = 7",
                siteId,
                subject);
    }

    private static long count(String sql, String... args) {
        return AttuneServerExtension.server().count(sql, (Object[]) args);
    }
}
