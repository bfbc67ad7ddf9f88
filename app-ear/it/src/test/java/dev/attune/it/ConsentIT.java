package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.attune.it.Api.Reply;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consent decides what is kept: without analytics consent an event is only counted, nothing about the subject. */
@AttuneIT
class ConsentIT {

    private Api api;
    private String secretKey;
    private String siteId;

    @BeforeEach
    void explicitConsentSite() {
        api = new Api(AttuneServerExtension.server().baseUrl());
        JsonObject site = api.createSite("Consent " + UUID.randomUUID(), "explicit");
        secretKey = site.getString("secretKey");
        siteId = site.getString("id");
    }

    @Test
    void without_consent_an_event_is_only_counted_anonymously() throws SQLException {
        Reply reply = api.postEvent(
                secretKey, "{\"type\":\"rating\",\"subjectId\":\"stranger\",\"itemId\":\"book-1\",\"value\":4}");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.json().asJsonObject().getString("status")).isEqualTo("anonymized");
        assertThat(count("SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid"))
                .isZero();
        assertThat(
                        count(
                                "SELECT coalesce(sum(events), 0) FROM feedback.anonymous_count WHERE site_id = ?::uuid AND item_id = 'book-1'"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "SELECT count(*) FROM feedback.anonymous_count WHERE site_id = ?::uuid AND item_id = 'stranger'"))
                .isZero();
    }

    @Test
    void a_retried_event_without_consent_is_counted_once_alone_or_in_a_batch() throws SQLException {
        String event = "{\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"rating\",\"subjectId\":\"shy\",\"itemId\":\"book-2\",\"value\":3}";
        assertThat(api.postEvent(secretKey, event).json().asJsonObject().getString("status"))
                .isEqualTo("anonymized");
        assertThat(api.postEvent(secretKey, event).json().asJsonObject().getString("status"))
                .as("a retry")
                .isEqualTo("duplicate");
        String other = "{\"id\":\"" + UUID.randomUUID()
                + "\",\"type\":\"rating\",\"subjectId\":\"shy\",\"itemId\":\"book-2\",\"value\":5}";
        Reply batch = api.postEvent(secretKey, "{\"events\":[" + event + "," + other + "," + other + "]}");
        assertThat(batch.json().asJsonObject().getJsonArray("results").getValuesAs(JsonObject.class).stream()
                        .map(r -> r.getString("status"))
                        .toList())
                .containsExactly("duplicate", "anonymized", "duplicate");
        assertThat(
                        count(
                                "SELECT coalesce(sum(events), 0) FROM feedback.anonymous_count WHERE site_id = ?::uuid AND item_id = 'book-2'"))
                .as("two events, each counted once")
                .isEqualTo(2);
    }

    @Test
    void granting_analytics_keeps_events_and_withdrawing_stops_it_again() throws SQLException {
        Reply granted = api.postConsent(secretKey, """
                {"subjectId":"alice","purposes":{"analytics":true,"personalization":true},"policyVersion":"2026-11"}""");
        Reply kept = api.postEvent(secretKey, "{\"type\":\"nps\",\"subjectId\":\"alice\",\"value\":9}");
        api.postConsent(secretKey, "{\"subjectId\":\"alice\",\"purposes\":{\"analytics\":false}}");
        Reply counted = api.postEvent(secretKey, "{\"type\":\"nps\",\"subjectId\":\"alice\",\"value\":3}");

        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().asJsonObject().getJsonObject("purposes").getBoolean("analytics"))
                .isTrue();
        assertThat(granted.json().asJsonObject().getJsonObject("purposes").getBoolean("marketing"))
                .isFalse();
        assertThat(kept.json().asJsonObject().getString("status")).isEqualTo("accepted");
        assertThat(counted.json().asJsonObject().getString("status")).isEqualTo("anonymized");
        assertThat(count("SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = 'alice'"))
                .isEqualTo(1);
    }

    @Test
    void a_choice_recorded_by_another_instance_applies_within_the_change_feed_interval() throws Exception {
        api.postConsent(secretKey, "{\"subjectId\":\"carol\",\"purposes\":{\"analytics\":true}}");
        Reply kept = api.postEvent(secretKey, "{\"events\":[{\"type\":\"nps\",\"subjectId\":\"carol\",\"value\":9}]}");
        assertThat(kept.json()
                        .asJsonObject()
                        .getJsonArray("results")
                        .getJsonObject(0)
                        .getString("status"))
                .isEqualTo("accepted");
        // another instance appends to the shared ledger: this instance's cache has not seen it
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO feedback.consent_entry (site_id, subject_id, purpose, granted, source) VALUES (?::uuid, 'carol', 'analytics', false, 'api')")) {
            ps.setString(1, siteId);
            ps.executeUpdate();
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        String status;
        do {
            Thread.sleep(250);
            Reply r = api.postEvent(secretKey, "{\"events\":[{\"type\":\"nps\",\"subjectId\":\"carol\",\"value\":3}]}");
            status = r.json()
                    .asJsonObject()
                    .getJsonArray("results")
                    .getJsonObject(0)
                    .getString("status");
        } while (!"anonymized".equals(status) && System.nanoTime() < deadline);
        assertThat(status).isEqualTo("anonymized");
    }

    @Test
    void the_ledger_keeps_every_change_in_order_and_ignores_repeats() {
        api.postConsent(
                secretKey,
                "{\"subjectId\":\"bob\",\"purposes\":{\"analytics\":true,\"marketing\":true},\"source\":\"banner\"}");
        api.postConsent(secretKey, "{\"subjectId\":\"bob\",\"purposes\":{\"analytics\":true}}");
        api.postConsent(
                secretKey, "{\"subjectId\":\"bob\",\"purposes\":{\"marketing\":false},\"source\":\"settings\"}");

        JsonObject state = api.getConsent(secretKey, "bob").json().asJsonObject();

        assertThat(state.getJsonObject("purposes").getBoolean("marketing")).isFalse();
        assertThat(state.getJsonArray("history")).hasSize(3);
        assertThat(state.getJsonArray("history").getJsonObject(2).getString("source"))
                .isEqualTo("settings");
    }

    @Test
    void bad_consent_input_names_each_field() {
        Reply reply = api.postConsent(secretKey, """
                {"subjectId":"carol","purposes":{"necessary":false,"telepathy":true,"analytics":"yes"}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemFields()).containsExactlyInAnyOrder("purposes/telepathy", "purposes/analytics");
    }

    @Test
    void necessary_cannot_be_withdrawn() {
        Reply reply = api.postConsent(secretKey, "{\"subjectId\":\"dave\",\"purposes\":{\"necessary\":false}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemFields()).containsExactly("purposes/necessary");
    }

    private long count(String sql) {
        return AttuneServerExtension.server().count(sql, siteId);
    }
}
