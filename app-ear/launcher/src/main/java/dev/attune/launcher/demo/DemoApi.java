package dev.attune.launcher.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Attune's HTTP API as the demo calls it: the admin with Basic authentication, the demo site with its secret key. */
final class DemoApi {
    record Reply(int status, String body) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        Reply expect(String what, int... statuses) {
            for (int s : statuses) {
                if (status == s) {
                    return this;
                }
            }
            throw new IllegalStateException(what + " failed: " + status + " " + body);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    final String baseUrl;
    private final String admin;
    private volatile String secret;

    DemoApi(String baseUrl, String adminUser, String adminPassword) {
        this.baseUrl = baseUrl;
        this.admin = "Basic "
                + Base64.getEncoder()
                        .encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    void useSecretKey(String secretKey) {
        this.secret = "Bearer " + secretKey;
    }

    Reply adminGet(String path) {
        return send(
                HttpRequest.newBuilder(uri(path)).header("Authorization", admin).GET());
    }

    Reply adminPost(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply adminPut(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply siteGet(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", secret)
                .GET());
    }

    Reply sitePost(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply sitePut(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", secret)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpClient client() {
        return http;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r =
                    http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
