package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console and admin API as an attacker sees them: the console's cookie must not carry requests another site
 * starts, sessions must not outlive a disabled user or be fixed before sign-in, and responses must not name the server.
 */
@AttuneIT
class ConsoleHardeningIT {
    private final HttpClient http = HttpClient.newHttpClient();
    private WebDriver driver;
    private ConsolePage console;
    private Api api;
    private String baseUrl;

    @BeforeEach
    void browser() {
        driver = Browser.shared();
        baseUrl = AttuneServerExtension.server().baseUrl();
        console = new ConsolePage(driver, baseUrl);
        api = new Api(baseUrl);
    }

    @Test
    void a_cross_site_post_riding_the_console_cookie_is_refused() throws Exception {
        String user = "csrf-admin-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(user, "csrf-password-1", "ADMIN");
        console.signIn(user, "csrf-password-1").awaitSignedIn();
        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        String name = "Forged " + UUID.randomUUID();

        // what a form on another site would send with the admin's cookie (if the browser sent it at all)
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/admin/sites"))
                        .header("Cookie", "JSESSIONID=" + session.getValue())
                        .header("Content-Type", "application/json")
                        .header("Origin", "https://evil.example")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(forged.body()).contains("session cookie");
        assertThat(api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/sites")
                        .body())
                .doesNotContain(name);
        // and browsers would not have sent it: the cookie is Strict and out of scripts' reach
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.isHttpOnly()).isTrue();
    }

    @Test
    void the_session_id_changes_at_sign_in() {
        String user = "fixation-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(user, "fixation-password-1", "ANALYST");
        console.signOut();
        console.open("");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form")));
        String before = driver.manage().getCookieNamed("JSESSIONID").getValue();

        console.signIn(user, "fixation-password-1").awaitSignedIn();

        assertThat(driver.manage().getCookieNamed("JSESSIONID").getValue()).isNotEqualTo(before);
    }

    @Test
    void a_disabled_user_is_signed_out_at_once() {
        String user = "leaver-" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser(user, "leaver-password-1", "ANALYST");
        console.signIn(user, "leaver-password-1").awaitSignedIn();
        console.open("feedback");
        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));

        assertThat(api.adminPut(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/users/" + user,
                                "{\"roles\":[\"ANALYST\"],\"disabled\":true}")
                        .status())
                .isEqualTo(200);
        console.open("feedback");

        console.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("vaadin-login-form")));
        assertThat(console.hasElement("feedback-grid")).isFalse();
        console.signOutForgotten();
    }

    @Test
    void responses_carry_security_headers_and_no_server_banner() throws Exception {
        HttpResponse<String> page = get("/admin/");
        HttpResponse<String> apiAnswer = get("/api/v1/admin/sites");
        HttpResponse<String> withBasic = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/admin/sites"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString(
                                                        (TestServer.ADMIN_USER + ":" + TestServer.ADMIN_PASSWORD)
                                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'", "object-src 'none'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        for (HttpResponse<String> r : java.util.List.of(page, apiAnswer, withBasic)) {
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Server")).isEmpty();
            assertThat(r.headers().firstValue("X-Powered-By")).isEmpty();
        }
        assertThat(withBasic.statusCode()).isEqualTo(200);
        // an API call with credentials gets no session to carry around
        assertThat(withBasic.headers().allValues("Set-Cookie")).isEmpty();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
