package dev.attune.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The bench admin's calls to the admin API (Basic auth), failing on any unexpected status. */
final class BenchAdmin {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String auth = "Basic "
            + Base64.getEncoder()
                    .encodeToString(("admin:" + BenchServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    BenchAdmin(String base) {
        this.base = base;
    }

    /** GET when {@code body} is null, otherwise {@code method} with a JSON body; the response body. */
    String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth);
        b = body == null
                ? b.GET()
                : b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    JsonObject json(String method, String path, String body, int expected) throws Exception {
        return Json.createReader(new StringReader(send(method, path, body, expected)))
                .readObject();
    }
}
