package dev.attune.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The widget's HTTP fallback: public key plus allowed Origin, the socket's messages and answers, CORS for the page. */
@AttuneIT
class BrowserCollectIT {
    private static final String ORIGIN = "https://shop.example.com";

    private final HttpClient http = HttpClient.newHttpClient();
    private String publicKey;

    @BeforeEach
    void site() {
        publicKey = new Api(AttuneServerExtension.server().baseUrl())
                .createSite("Collect " + UUID.randomUUID())
                .getString("publicKey");
    }

    private HttpResponse<String> post(String key, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(AttuneServerExtension.server().baseUrl() + "/api/v1/collect?key=" + key))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void events_are_acknowledged_like_on_the_socket_and_a_resend_is_a_duplicate() throws Exception {
        String id = UUID.randomUUID().toString();
        String message = """
                {"type":"events","ref":"h1","events":[{"id":"%s","type":"nps","subjectId":"http-visitor","value":8},
                                                       {"type":"csat","subjectId":"http-visitor","value":9}]}""".formatted(id);
        HttpResponse<String> first = post(publicKey, ORIGIN, message);
        HttpResponse<String> again = post(publicKey, ORIGIN, message);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        JsonObject ack = Json.createReader(new StringReader(first.body())).readObject();
        assertThat(ack.getString("type")).isEqualTo("ack");
        assertThat(ack.getString("ref")).isEqualTo("h1");
        assertThat(ack.getJsonArray("results").getJsonObject(0).getString("status"))
                .isEqualTo("accepted");
        assertThat(ack.getJsonArray("results").getJsonObject(1).getString("status"))
                .isEqualTo("rejected");
        assertThat(Json.createReader(new StringReader(again.body()))
                        .readObject()
                        .getJsonArray("results")
                        .getJsonObject(0)
                        .getString("status"))
                .isEqualTo("duplicate");
    }

    @Test
    void a_foreign_origin_or_unknown_key_is_refused_with_a_problem() throws Exception {
        HttpResponse<String> foreign =
                post(publicKey, "https://evil.example.net", "{\"type\":\"events\",\"events\":[]}");
        HttpResponse<String> unknown = post("pk_unknown", ORIGIN, "{\"type\":\"events\",\"events\":[]}");
        HttpResponse<String> wrongType = post(publicKey, ORIGIN, "{\"type\":\"survey_due\",\"survey\":\"x\"}");

        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"field\":\"type\"");
    }

    @Test
    void consent_goes_over_http_too() throws Exception {
        HttpResponse<String> r = post(
                publicKey,
                ORIGIN,
                "{\"type\":\"consent\",\"subjectId\":\"http-consent\",\"purposes\":{\"analytics\":true,\"marketing\":false}}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject answer = Json.createReader(new StringReader(r.body())).readObject();
        assertThat(answer.getString("type")).isEqualTo("consent");
        assertThat(answer.getJsonObject("state").toString()).contains("analytics");
    }
}
