package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.it.Api.Reply;
import jakarta.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Site-registered JSON Schemas for custom events: registration rules and validation at ingest, field by field. */
@AttuneIT
class EventSchemasIT {
    private static final String ADMIN = TestServer.ADMIN_USER;
    private static final String PASSWORD = TestServer.ADMIN_PASSWORD;
    private static final String CHECKOUT_1_0_0 = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
             "properties":{"cartValue":{"type":"number","minimum":0},"coupon":{"type":"string","maxLength":20}},
             "required":["cartValue"],"additionalProperties":false}""";

    private Api api;
    private String siteId;
    private String secretKey;

    @BeforeEach
    void site() {
        api = new Api(AttuneServerExtension.server().baseUrl());
        JsonObject site = api.createSite("Schemas " + UUID.randomUUID(), "implied");
        siteId = site.getString("id");
        secretKey = site.getString("secretKey");
    }

    private Reply register(String name, String version, String schema) {
        return api.adminPut(ADMIN, PASSWORD, "/api/v1/admin/schemas/" + siteId + "/" + name + "/" + version, schema);
    }

    @Test
    void a_version_is_registered_once_and_never_changes() {
        assertThat(register("checkout_started", "1-0-0", CHECKOUT_1_0_0).status())
                .isEqualTo(201);
        assertThat(register("checkout_started", "1-0-0", CHECKOUT_1_0_0).status())
                .as("the same again")
                .isEqualTo(200);
        assertThat(register("checkout_started", "1-0-0", "{\"type\":\"object\"}")
                        .status())
                .as("other content")
                .isEqualTo(409);
        assertThat(api.adminGet(ADMIN, PASSWORD, "/api/v1/admin/schemas/" + siteId)
                        .json()
                        .asJsonArray())
                .hasSize(1);
    }

    @Test
    void a_bad_schema_is_refused_naming_the_problem() {
        Reply notASchema = register("signup", "1-0-0", "{\"type\":\"objekt\"}");
        assertThat(notASchema.status()).isEqualTo(400);
        assertThat(notASchema.problemFields()).isNotEmpty();

        Reply remote =
                register("signup", "1-0-0", "{\"properties\":{\"a\":{\"$ref\":\"http://169.254.169.254/latest\"}}}");
        assertThat(remote.status()).isEqualTo(400);
        assertThat(remote.problemFields()).contains("/properties/a/$ref");

        Reply badNames = register("Sign-Up", "v1", "{}");
        assertThat(badNames.problemFields()).containsExactlyInAnyOrder("name", "version");
    }

    @Test
    void custom_events_are_validated_against_their_sites_schema() {
        register("checkout_started", "1-0-0", CHECKOUT_1_0_0);

        Reply good = api.postEvent(secretKey, """
                {"type":"custom","subjectId":"sam","properties":{"name":"checkout_started","cartValue":42.5,"coupon":"WINTER"}}""");
        assertThat(good.status()).isEqualTo(202);

        Reply bad = api.postEvent(secretKey, """
                {"type":"custom","subjectId":"sam","properties":{"name":"checkout_started","cartValue":-3,"colour":"red"}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemFields()).contains("properties/cartValue");

        Reply missing = api.postEvent(secretKey, """
                {"type":"custom","subjectId":"sam","properties":{"name":"checkout_started","schemaVersion":"2-0-0","cartValue":1}}""");
        assertThat(missing.problemFields()).containsExactly("properties/schemaVersion");

        Reply unregistered = api.postEvent(secretKey, """
                {"type":"custom","subjectId":"sam","properties":{"name":"newsletter_opened","anything":true}}""");
        assertThat(unregistered.status())
                .as("names without a schema stay free-form")
                .isEqualTo(202);

        Reply batch = api.postEvent(secretKey, """
                {"events":[{"type":"custom","subjectId":"sam","properties":{"name":"checkout_started","cartValue":3}},
                           {"type":"custom","subjectId":"sam","properties":{"name":"checkout_started"}}]}""");
        assertThat(batch.status()).isEqualTo(207);
        assertThat(batch.json().asJsonObject().getInt("rejected")).isEqualTo(1);
        assertThat(batch.body()).contains("properties/cartValue");
    }
}
