package dev.attune.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** A small HTTP client for the public and admin APIs, as an integrator would call them. */
public final class Api {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Reply postEvent(String secretKey, String json) {
        return send(HttpRequest.newBuilder(uri("/api/v1/events"))
                .header("Authorization", "Bearer " + secretKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A server-to-server POST with the site's secret key (identify, alias, …). */
    public Reply postWithKey(String secretKey, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + secretKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply putItems(String secretKey, String json) {
        return send(HttpRequest.newBuilder(uri("/api/v1/items"))
                .header("Authorization", "Bearer " + secretKey)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply getWithKey(String secretKey, String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + secretKey)
                .GET());
    }

    public Reply postFeedback(String secretKey, String json) {
        return send(HttpRequest.newBuilder(uri("/api/v1/feedback"))
                .header("Authorization", "Bearer " + secretKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply postConsent(String secretKey, String json) {
        return send(HttpRequest.newBuilder(uri("/api/v1/consent"))
                .header("Authorization", "Bearer " + secretKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply getConsent(String secretKey, String subjectId) {
        return send(HttpRequest.newBuilder(uri("/api/v1/consent/" + subjectId))
                .header("Authorization", "Bearer " + secretKey)
                .GET());
    }

    public Reply postEventBytes(String secretKey, byte[] body) {
        return send(HttpRequest.newBuilder(uri("/api/v1/events"))
                .header("Authorization", "Bearer " + secretKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply adminPostCsv(String user, String password, String path, String csv) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)));
    }

    public Reply adminPost(String user, String password, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply adminPut(String user, String password, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(user, password))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply adminDelete(String user, String password, String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", basic(user, password))
                .DELETE());
    }

    public Reply adminGet(String user, String password, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        return send(b);
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Creates a site (consent implied until withdrawn) as the test admin; answers its JSON with both keys. */
    public JsonObject createSite(String name) {
        return createSite(name, "implied");
    }

    public JsonObject createSite(String name, String consentMode) {
        return createSite(name, consentMode, "https://shop.example.com");
    }

    public JsonObject createSite(String name, String consentMode, String... origins) {
        var list = Json.createArrayBuilder();
        for (String o : origins) {
            list.add(o);
        }
        Reply r = adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/sites",
                "{\"name\":\"" + name + "\",\"allowedOrigins\":" + list.build() + ",\"consentMode\":\"" + consentMode
                        + "\"}");
        if (r.status() != 201) {
            throw new AssertionError("site not created: " + r);
        }
        return r.json().asJsonObject();
    }

    public void createUser(String username, String password, String role) {
        Reply r = adminPost(
                TestServer.ADMIN_USER,
                TestServer.ADMIN_PASSWORD,
                "/api/v1/admin/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":[\"" + role + "\"]}");
        if (r.status() != 201) {
            throw new AssertionError("user not created: " + r);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public record Reply(int status, String contentType, String body) {
        public JsonStructure json() {
            return Json.createReader(new StringReader(body)).read();
        }

        /** The field names a problem+json answer complains about. */
        public List<String> problemFields() {
            JsonObject o = json().asJsonObject();
            return o.containsKey("errors")
                    ? o.getJsonArray("errors").stream()
                            .map(v -> v.asJsonObject().getString("field"))
                            .toList()
                    : List.of();
        }
    }
}
