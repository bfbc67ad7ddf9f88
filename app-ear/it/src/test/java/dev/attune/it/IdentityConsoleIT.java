package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** The identity views in a real headless Chromium: a person's graph and an unmerge, the review queue, a privacy export. */
@AttuneIT
class IdentityConsoleIT {

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

    private JsonObject admin(String path) {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, path)
                .json()
                .asJsonObject();
    }

    @Test
    void the_identity_view_draws_a_person_and_an_unmerge_there_splits_it() {
        JsonObject site = api.createSite("Identity view " + UUID.randomUUID(), "implied");
        String key = site.getString("secretKey");
        String laptop = "laptop-" + UUID.randomUUID();
        String phone = "phone-" + UUID.randomUUID();
        api.postWithKey(
                key,
                "/api/v1/identify",
                "{\"subjectId\":\"" + laptop
                        + "\",\"userId\":\"cust-9\",\"traits\":{\"email\":\"cust9@example.org\"}}");
        api.postWithKey(
                key, "/api/v1/identify", "{\"subjectId\":\"" + phone + "\",\"traits\":{\"deviceId\":\"pixel-9\"}}");
        JsonObject person = api.postWithKey(
                        key, "/api/v1/identify", "{\"subjectId\":\"" + phone + "\",\"userId\":\"cust-9\"}")
                .json()
                .asJsonObject();
        String siteId = site.getString("id");
        JsonObject graph = admin("/api/v1/admin/identity/persons/" + person.getString("id"));
        long phoneNode = graph.getJsonArray("identifiers").getValuesAs(JsonObject.class).stream()
                .filter(i -> phone.equals(i.isNull("subject") ? null : i.getString("subject")))
                .findFirst()
                .orElseThrow()
                .getInt("id");
        long userNode = graph.getJsonArray("identifiers").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("kind").equals("user"))
                .findFirst()
                .orElseThrow()
                .getInt("id");
        int link = graph.getJsonArray("links").getValuesAs(JsonObject.class).stream()
                .filter(l -> (l.getInt("a") == phoneNode && l.getInt("b") == userNode)
                        || (l.getInt("b") == phoneNode && l.getInt("a") == userNode))
                .findFirst()
                .orElseThrow()
                .getInt("id");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("identity?person=" + person.getString("id"));
        List<String> identifiers = console.awaitGridCell("identity-identifiers", phone);
        console.waiting()
                .until(d -> !d.findElements(By.cssSelector("#identity-graph[data-drawn='true'] svg"))
                        .isEmpty());
        Browser.screenshot(driver, "identity");
        assertThat(identifiers).contains("●email", "cu…@example.org", "●device", laptop);

        console.click("identity-unmerge-" + link);
        console.confirm();
        console.waiting().until(d -> !d.findElements(By.id("identity-split")).isEmpty());
        Browser.screenshot(driver, "identity-unmerged");
        JsonObject phonePerson =
                admin("/api/v1/admin/identity/lookup?site=" + siteId + "&kind=anonymous&value=" + phone);
        assertThat(phonePerson.getString("id")).isNotEqualTo(person.getString("id"));
        assertThat(phonePerson.getInt("identifiers")).isEqualTo(2);
    }

    @Test
    void a_reviewer_links_a_pair_in_the_record_linkage_view() {
        String name = "Linkage view " + UUID.randomUUID().toString().substring(0, 8);
        String siteId = api.createSite(name, "implied").getString("id");
        String csv = """
                id,given_name,surname,email,date_of_birth,street,postcode,city,state
                c1,anna,schmidt,anna.schmidt@example.org,19800412,12 lindenstrasse,10115,berlin,be
                c2,anna,schmitt,,19800412,12 lindenstr.,10115,berlin,be
                c3,ben,weber,ben.weber@example.org,19751101,3 gartenweg,20095,hamburg,hh
                c4,carla,meyer,carla@example.org,19920230,8 bergstrasse,80331,munich,by
                c5,benjamin,weber,,19751101,3 gartenweg,20095,hamburg,hh
                """;
        api.adminPostCsv(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/linkage/imports?site=" + siteId
                        + "&match=0.9999999&review=0.000001&file=crm.csv",
                csv);
        List<JsonObject> open = admin("/api/v1/admin/identity/linkage/reviews?site=" + siteId)
                .getJsonArray("reviews")
                .getValuesAs(JsonObject.class);
        assertThat(open).isNotEmpty();

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("linkage");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.awaitGridCell("linkage-imports", "crm.csv");
        console.waiting().until(d -> !d.findElements(By.id("linkage-compare")).isEmpty());
        Browser.screenshot(driver, "linkage");
        console.click("linkage-same");
        console.waiting()
                .until(d -> admin("/api/v1/admin/identity/linkage/reviews?site=" + siteId + "&status=accepted")
                                .getJsonArray("reviews")
                                .size()
                        == 1);
        Browser.screenshot(driver, "linkage-decided");
        JsonObject accepted = admin("/api/v1/admin/identity/linkage/reviews?site=" + siteId + "&status=accepted")
                .getJsonArray("reviews")
                .getJsonObject(0);
        JsonObject a = admin("/api/v1/admin/identity/lookup?site=" + siteId + "&kind=custom&value=crm:"
                + accepted.getJsonObject("a").getString("id"));
        JsonObject b = admin("/api/v1/admin/identity/lookup?site=" + siteId + "&kind=custom&value=crm:"
                + accepted.getJsonObject("b").getString("id"));
        assertThat(a.getString("id")).isEqualTo(b.getString("id"));
    }

    @Test
    void an_export_requested_in_the_privacy_view_is_processed_and_its_receipt_shown() {
        String name = "Privacy view " + UUID.randomUUID().toString().substring(0, 8);
        JsonObject site = api.createSite(name, "implied");
        String subject = "privacy-" + UUID.randomUUID();
        api.postEvent(
                site.getString("secretKey"),
                "{\"type\":\"rating\",\"subjectId\":\"" + subject + "\",\"itemId\":\"m1\",\"value\":4}");
        JsonObject person = api.postWithKey(
                        site.getString("secretKey"),
                        "/api/v1/identify",
                        "{\"subjectId\":\"" + subject + "\",\"userId\":\"p-1\"}")
                .json()
                .asJsonObject();
        api.adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/privacy/requests",
                "{\"siteId\":\"" + site.getString("id") + "\",\"personId\":\"" + person.getString("id")
                        + "\",\"kind\":\"export\"}");

        console.signIn(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD).awaitSignedIn();
        console.open("privacy");
        console.selectComboBoxItem("vaadin-combo-box", name);
        console.awaitGridCell(
                "privacy-grid", "done"); // the queue works every ten seconds; the view polls while one waits
        console.clickButtonWithText("Refresh");
        List<String> cells = console.awaitGridCell("privacy-grid", "done");
        driver.findElements(By.cssSelector("#privacy-grid vaadin-grid-cell-content")).stream()
                .filter(c -> c.getText().strip().equals("done"))
                .findFirst()
                .orElseThrow()
                .click();
        console.waiting()
                .until(d -> !d.findElements(By.id("privacy-receipt-rows")).isEmpty());
        Browser.screenshot(driver, "privacy");
        assertThat(cells).contains("done");
        assertThat(console.text("privacy-receipt")).contains("feedback").contains("identity");
    }
}
