package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Written as the attack: a stranger with the site's public key (it is in every page) knows a customer's user id and
 * tries to become that customer on their own widget socket, to receive the customer's recommendations and messages,
 * or to change the customer's consent and events. Each attempt must fail; the legitimate path (a hash signed by the
 * site's server) must still work.
 */
@AttuneIT
class VisitorTakeoverIT {
    private static final String ORIGIN = "https://shop.example.com";
    private final Api api = new Api(AttuneServerExtension.server().baseUrl());

    private String siteId;
    private String publicKey;
    private String secretKey;
    private String victim;
    private String victimUser;

    /** A customer the site's server identified (secret key: verified) and who rated films. */
    @BeforeEach
    void victim() {
        JsonObject site = api.createSite("Takeover " + UUID.randomUUID());
        siteId = site.getString("id");
        publicKey = site.getString("publicKey");
        secretKey = site.getString("secretKey");
        victim = "victim-" + UUID.randomUUID();
        victimUser = "customer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.postWithKey(secretKey, "/api/v1/identify", """
                        {"subjectId":"%s","userId":"%s"}""".formatted(victim, victimUser))
                        .status())
                .isEqualTo(200);
        assertThat(api.postEvent(secretKey, """
                        {"type":"rating","subjectId":"%s","itemId":"private-film","value":5}""".formatted(victim)).status()).isEqualTo(202);
    }

    @Test
    void new_sites_verify_identify_and_an_identify_without_or_with_a_forged_hash_is_refused() throws Exception {
        assertThat(site().getBoolean("identityVerification")).isTrue();
        String attacker = "attacker-" + UUID.randomUUID();
        CollectSocketIT.Client socket = attackerSocket(attacker);

        socket.send("""
                {"type":"identify","ref":"i1","subjectId":"%s","userId":"%s"}""".formatted(attacker, victimUser));
        JsonObject withoutHash = socket.next();
        socket.send("""
                {"type":"identify","ref":"i2","subjectId":"%s","userId":"%s","userHash":"%s"}""".formatted(attacker, victimUser, "ab".repeat(32)));
        JsonObject forged = socket.next();
        // a hash signed for the attacker's own user id does not carry over to another id
        String secret = verificationSecret();
        socket.send("""
                {"type":"identify","ref":"i3","subjectId":"%s","userId":"%s","userHash":"%s"}""".formatted(attacker, victimUser, hmac(secret, "attacker-own-id")));
        JsonObject replayed = socket.next();
        socket.close();

        for (JsonObject refused : new JsonObject[] {withoutHash, forged, replayed}) {
            assertThat(refused.getString("type")).as(refused.toString()).isEqualTo("error");
            assertThat(refused.getJsonArray("errors").getJsonObject(0).getString("field"))
                    .isEqualTo("userHash");
        }
        assertThat(subjectsOfUser()).containsExactly(victim);
        assertThat(personOf(attacker)).isNull();
    }

    @Test
    void with_verification_off_a_claim_stays_apart_from_the_verified_customer() throws Exception {
        assertThat(api.adminPut(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/sites/" + siteId + "/identity-verification",
                                "{\"required\":false}")
                        .status())
                .isEqualTo(200);
        String attacker = "attacker-" + UUID.randomUUID();
        String accomplice = "accomplice-" + UUID.randomUUID();
        CollectSocketIT.Client socket = attackerSocket(attacker);
        socket.send("""
                {"type":"identify","ref":"i1","subjectId":"%s","userId":"%s"}""".formatted(attacker, victimUser));
        JsonObject claimed = socket.next();
        socket.close();
        // a second device claiming the same id joins the first claim, not the customer
        CollectSocketIT.Client second = attackerSocket(accomplice);
        second.send("""
                {"type":"identify","ref":"i2","subjectId":"%s","userId":"%s"}""".formatted(accomplice, victimUser));
        second.next();
        second.close();

        assertThat(claimed.getString("type")).as(claimed.toString()).isEqualTo("identified");
        assertThat(claimed.getBoolean("stored")).isTrue();
        assertThat(claimed.getBoolean("verified")).isFalse();
        assertThat(subjectsOfUser()).containsExactly(victim);
        JsonObject attackersPerson = personOf(attacker);
        assertThat(attackersPerson.getString("id"))
                .isNotEqualTo(personOf(victim).getString("id"));
        assertThat(attackersPerson.getJsonArray("subjects").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString))
                .containsExactlyInAnyOrder(attacker, accomplice);

        // and when the customer's own browser claims the id without a hash, the two never meet either
        CollectSocketIT.Client customer = attackerSocket(victim);
        customer.send("""
                {"type":"identify","ref":"i3","subjectId":"%s","userId":"%s"}""".formatted(victim, victimUser));
        assertThat(customer.next().getString("type")).isEqualTo("identified");
        customer.close();
        assertThat(personOf(attacker).getString("id"))
                .isNotEqualTo(personOf(victim).getString("id"));
        assertThat(openConflicts()).contains("unverified_claim");
    }

    @Test
    void a_hash_signed_by_the_sites_server_links_the_visitor_until_the_secret_is_rotated() throws Exception {
        String device = "phone-" + UUID.randomUUID();
        String secret = verificationSecret();
        CollectSocketIT.Client socket = attackerSocket(device);
        socket.send("""
                {"type":"identify","ref":"i1","subjectId":"%s","userId":"%s","userHash":"%s"}""".formatted(device, victimUser, hmac(secret, victimUser)));
        JsonObject verified = socket.next();
        socket.close();
        assertThat(verified.getString("type")).as(verified.toString()).isEqualTo("identified");
        assertThat(verified.getBoolean("verified")).isTrue();
        assertThat(subjectsOfUser()).containsExactlyInAnyOrder(victim, device);

        assertThat(api.adminPost(
                                TestServer.ADMIN_USER,
                                TestServer.ADMIN_PASSWORD,
                                "/api/v1/admin/identity/verification/rotate?site=" + siteId,
                                "")
                        .status())
                .isEqualTo(200);
        String laptop = "laptop-" + UUID.randomUUID();
        CollectSocketIT.Client again = attackerSocket(laptop);
        again.send("""
                {"type":"identify","ref":"i2","subjectId":"%s","userId":"%s","userHash":"%s"}""".formatted(laptop, victimUser, hmac(secret, victimUser)));
        JsonObject stale = again.next();
        again.send("""
                {"type":"identify","ref":"i3","subjectId":"%s","userId":"%s","userHash":"%s"}""".formatted(laptop, victimUser, hmac(verificationSecret(), victimUser)));
        JsonObject fresh = again.next();
        again.close();
        assertThat(stale.getString("type")).isEqualTo("error");
        assertThat(fresh.getBoolean("verified")).isTrue();
    }

    @Test
    void a_socket_acts_only_for_the_subject_it_said_hello_as() throws Exception {
        String attacker = "attacker-" + UUID.randomUUID();
        CollectSocketIT.Client socket = attackerSocket(attacker);
        socket.send("""
                {"type":"consent","ref":"c1","subjectId":"%s","purposes":{"analytics":false}}""".formatted(victim));
        JsonObject consent = socket.next();
        socket.send("""
                {"type":"events","ref":"e1","events":[{"type":"rating","subjectId":"%s","itemId":"spam","value":1},
                 {"type":"rating","subjectId":"%s","itemId":"own","value":4}]}""".formatted(victim, attacker));
        JsonObject events = socket.next();
        socket.send("""
                {"type":"hello","ref":"h2","subjectId":"%s"}""".formatted(victim));
        JsonObject hello = socket.next();
        socket.close();

        assertThat(consent.getString("type")).isEqualTo("error");
        assertThat(consent.getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("subjectId");
        assertThat(events.getJsonArray("results").getJsonObject(0).getString("status"))
                .isEqualTo("rejected");
        assertThat(events.getJsonArray("results")
                        .getJsonObject(0)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"))
                .isEqualTo("subjectId");
        assertThat(events.getJsonArray("results").getJsonObject(1).getString("status"))
                .isEqualTo("accepted");
        assertThat(hello.getString("type")).isEqualTo("error");
        assertThat(storedEvents(victim)).isEqualTo(1);
        assertThat(api.getConsent(secretKey, victim).body()).doesNotContain("\"analytics\":false");
    }

    /** A socket from an allowed origin that said hello (and consented) as {@code subject}. */
    private CollectSocketIT.Client attackerSocket(String subject) throws Exception {
        CollectSocketIT.Client socket = CollectSocketIT.connect(publicKey, ORIGIN);
        assertThat(socket.next().getString("type")).isEqualTo("ready");
        socket.send("""
                {"type":"hello","ref":"h","subjectId":"%s","url":"https://shop.example.com/"}""".formatted(subject));
        while (!"ok".equals(socket.next().getString("type"))) {
            // surveys may come first
        }
        socket.send("""
                {"type":"consent","ref":"c","subjectId":"%s","purposes":{"analytics":true,"personalization":true}}""".formatted(subject));
        while (!"consent".equals(socket.next().getString("type"))) {
            // pushes may come first
        }
        return socket;
    }

    private JsonObject site() {
        return api.adminGet(TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/sites/" + siteId)
                .json()
                .asJsonObject();
    }

    private String verificationSecret() {
        var reply = api.adminGet(
                TestServer.ADMIN_USER, TestServer.ADMIN_PASSWORD, "/api/v1/admin/identity/verification?site=" + siteId);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().asJsonObject().getString("secret");
    }

    private java.util.List<String> subjectsOfUser() {
        var reply = api.adminGet(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/lookup?site=" + siteId + "&kind=user&value=" + victimUser);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().asJsonObject().getJsonArray("subjects").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .toList();
    }

    private JsonObject personOf(String subject) {
        var reply = api.adminGet(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/identity/lookup?site=" + siteId + "&kind=anonymous&value=" + subject);
        return reply.status() == 404 ? null : reply.json().asJsonObject();
    }

    private String openConflicts() {
        return api.adminGet(
                        TestServer.ADMIN_USER,
                        TestServer.ADMIN_PASSWORD,
                        "/api/v1/admin/identity/conflicts?site=" + siteId)
                .body();
    }

    private long storedEvents(String subject) throws Exception {
        try (Connection c = AttuneServerExtension.server().database();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid AND subject_id = ?")) {
            ps.setString(1, siteId);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String hmac(String secret, String userId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
    }
}
