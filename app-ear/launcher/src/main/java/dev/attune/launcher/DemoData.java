package dev.attune.launcher;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

/**
 * A demo site and a week of ratings, sent through the same APIs a customer uses. Event ids are derived from the
 * demo's seed, so loading the demo again stores nothing twice.
 */
public final class DemoData {
    static final String SITE_NAME = "Demo shop";
    private static final List<String> ITEMS = List.of(
            "trail-running-shoes", "merino-hoodie", "rain-shell-jacket", "city-backpack-22l", "insulated-bottle",
            "wool-socks-3pack", "headlamp-400", "camping-mug", "packable-down-vest", "hiking-poles",
            "sun-hat", "travel-towel");
    private static final int SUBJECTS = 24;
    private static final int RATINGS = 120;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public DemoData(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Creates the demo site on first use (keys kept in {@code keysFile}) and sends the ratings; returns the keys. */
    public Properties load(Path keysFile, String adminUser, String adminPassword) throws IOException, InterruptedException {
        Properties keys = new Properties();
        if (Files.exists(keysFile)) {
            try (var in = Files.newBufferedReader(keysFile)) {
                keys.load(in);
            }
        } else {
            keys = createSite(adminUser, adminPassword);
            Secrets.writeIfAbsent(keysFile, "");
            try (var out = Files.newBufferedWriter(keysFile)) {
                keys.store(out, "Keys of the demo site; the secret key is never shown by Attune again");
            }
        }
        recordConsent(keys.getProperty("secretKey"));
        sendRatings(keys.getProperty("secretKey"));
        return keys;
    }

    private Properties createSite(String adminUser, String adminPassword) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        String body = Json.createObjectBuilder().add("name", SITE_NAME).add("consentMode", "explicit")
                .add("allowedOrigins", Json.createArrayBuilder().add(baseUrl)).build().toString();
        HttpResponse<String> r = post("/api/v1/admin/sites", "Basic " + basic, body);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Creating the demo site failed: " + r.statusCode() + " " + r.body());
        }
        JsonObject site = Json.createReader(new StringReader(r.body())).readObject();
        Properties keys = new Properties();
        keys.setProperty("siteId", site.getString("id"));
        keys.setProperty("publicKey", site.getString("publicKey"));
        keys.setProperty("secretKey", site.getString("secretKey"));
        return keys;
    }

    /**
     * The demo site asks for consent (explicit mode): most demo visitors agree, two decline analytics, so their
     * ratings are only counted anonymously, as a real site's would be.
     */
    private void recordConsent(String secretKey) throws IOException, InterruptedException {
        for (int visitor = 1; visitor <= SUBJECTS; visitor++) {
            boolean agrees = visitor % 12 != 0;
            String body = Json.createObjectBuilder().add("subjectId", "demo-visitor-" + visitor)
                    .add("purposes", Json.createObjectBuilder().add("analytics", agrees).add("personalization", agrees)
                            .add("experiments", agrees))
                    .add("policyVersion", "demo-2026-11").add("source", "demo").build().toString();
            HttpResponse<String> r = post("/api/v1/consent", "Bearer " + secretKey, body);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Recording demo consent failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    private void sendRatings(String secretKey) throws IOException, InterruptedException {
        Random random = new Random(20261122L);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < RATINGS; i++) {
            // Some items are liked more than others, so the demo shows a spread.
            String item = ITEMS.get(Math.min(ITEMS.size() - 1, (int) Math.abs(random.nextGaussian() * ITEMS.size() / 2.5)));
            int base = 5 - ITEMS.indexOf(item) / 4;
            int value = Math.max(1, Math.min(5, base - random.nextInt(3) + 1));
            String event = Json.createObjectBuilder()
                    .add("id", UUID.nameUUIDFromBytes(("attune-demo-rating-" + i).getBytes(StandardCharsets.UTF_8)).toString())
                    .add("type", "rating")
                    .add("subjectId", "demo-visitor-" + (1 + random.nextInt(SUBJECTS)))
                    .add("itemId", item)
                    .add("value", value)
                    .add("occurredAt", now.minus(random.nextInt(7 * 24 * 60), ChronoUnit.MINUTES).toString())
                    .build().toString();
            HttpResponse<String> r = post("/api/v1/events", "Bearer " + secretKey, event);
            if (r.statusCode() != 202) {
                throw new IllegalStateException("Sending a demo rating failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    private HttpResponse<String> post(String path, String authorization, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
