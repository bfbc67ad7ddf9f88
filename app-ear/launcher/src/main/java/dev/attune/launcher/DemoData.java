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
        // the first admin changes the generated password at the first sign-in: later starts keep what the demo made
        boolean admin = adminAccepted(adminUser, adminPassword);
        if (admin) {
            ensureSegment(keys.getProperty("siteId"), adminUser, adminPassword);
        }
        keys.setProperty("sampleItem", sendRatings(keys.getProperty("secretKey")));
        identifyCustomers(keys.getProperty("secretKey"));
        if (admin) {
            ensureSurvey(keys.getProperty("siteId"), adminUser, adminPassword);
            ensureExperiment(keys.getProperty("siteId"), adminUser, adminPassword);
        }
        return keys;
    }

    private boolean adminAccepted(String adminUser, String adminPassword) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/admin/sites")).header("Authorization", basic).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    private Properties createSite(String adminUser, String adminPassword) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        String body = Json.createObjectBuilder().add("name", SITE_NAME).add("consentMode", "explicit")
                .add("allowedOrigins", Json.createArrayBuilder().add(baseUrl).add(baseUrl.replace("127.0.0.1", "localhost")))
                .build().toString();
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

    /** A product of the demo shop: a film, or outdoor gear when the server has no MovieLens titles. */
    record Item(String id, String title, List<String> genres) {
    }

    /** The demo shop's own catalog, so the ratings are about what its pages show. */
    private List<Item> catalog() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/demo/catalog.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Reading the demo catalog failed: " + r.statusCode());
        }
        List<Item> items = new java.util.ArrayList<>();
        for (var v : Json.createReader(new StringReader(r.body())).readObject().getJsonArray("items")) {
            JsonObject o = v.asJsonObject();
            items.add(new Item(o.getString("id"), o.getString("title"),
                    o.getJsonArray("genres").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList()));
        }
        return items;
    }

    private String sendRatings(String secretKey) throws IOException, InterruptedException {
        List<Item> items = catalog();
        Random random = new Random(20261122L);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < RATINGS; i++) {
            // Some items are liked more than others, so the demo shows a spread.
            int index = Math.min(items.size() - 1, (int) Math.abs(random.nextGaussian() * items.size() / 2.5));
            Item item = items.get(index);
            int base = 5 - index * 4 / items.size();
            int value = Math.max(1, Math.min(5, base - random.nextInt(3) + 1));
            var genres = Json.createArrayBuilder();
            item.genres().forEach(genres::add);
            int visitor = 1 + random.nextInt(SUBJECTS);
            String event = Json.createObjectBuilder()
                    .add("id", UUID.nameUUIDFromBytes(("attune-demo-rating-v2-" + i).getBytes(StandardCharsets.UTF_8)).toString())
                    .add("type", "rating")
                    .add("subjectId", "demo-visitor-" + visitor)
                    // each visitor has a device and a language, so the dashboard's breakdowns have slices to compare
                    .add("context", Json.createObjectBuilder().add("userAgent", USER_AGENTS[visitor % USER_AGENTS.length])
                            .add("locale", LOCALES[visitor % LOCALES.length]))
                    .add("itemId", item.id())
                    .add("value", value)
                    .add("properties", Json.createObjectBuilder().add("title", item.title()).add("genres", genres))
                    .add("occurredAt", now.minus(random.nextInt(7 * 24 * 60), ChronoUnit.MINUTES).toString())
                    .build().toString();
            HttpResponse<String> r = post("/api/v1/events", "Bearer " + secretKey, event);
            // 202: stored now; 200: the same event id was stored before (a demo loaded again into an existing database)
            if (r.statusCode() != 202 && r.statusCode() != 200) {
                throw new IllegalStateException("Sending a demo rating failed: " + r.statusCode() + " " + r.body());
            }
        }
        return items.get(0).id();
    }

    /**
     * Eight consenting visitors sign in: visitors 1 and 2 are one customer on two devices (laptop and phone), as are 3
     * and 4; 5 to 8 each their own. The Identity view then shows persons with their graphs and one merge each.
     * Identifying again changes nothing, so loading the demo twice is harmless.
     */
    private void identifyCustomers(String secretKey) throws IOException, InterruptedException {
        for (int visitor = 1; visitor <= 8; visitor++) {
            int customer = visitor <= 4 ? (visitor + 1) / 2 : visitor - 2;
            String body = Json.createObjectBuilder().add("subjectId", "demo-visitor-" + visitor).add("userId", "customer-" + customer)
                    .add("traits", Json.createObjectBuilder().add("email", "customer" + customer + "@demo.attune.dev")
                            .add("deviceId", (visitor % 2 == 0 ? "phone-" : "laptop-") + customer))
                    .build().toString();
            HttpResponse<String> r = post("/api/v1/identify", "Bearer " + secretKey, body);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Identifying a demo customer failed: " + r.statusCode() + " " + r.body());
            }
        }
    }

    static final String SURVEY_NAME = "Demo NPS";

    /** An NPS survey on the demo shop after 8 seconds on a page, once per visitor, with a follow-up by score. */
    private void ensureSurvey(String siteId, String adminUser, String adminPassword) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/admin/surveys?site=" + siteId))
                .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() == 200 && list.body().contains("\"name\":\"" + SURVEY_NAME + "\"")) {
            return;
        }
        String definition = """
                {"questions":[
                  {"id":"nps","type":"nps","text":"How likely are you to recommend Attune Cinema to a friend?",
                   "branches":[{"max":6,"goto":"improve"},{"min":9,"goto":"love"}],"next":"end"},
                  {"id":"improve","type":"text","text":"What should we do better?","next":"end"},
                  {"id":"love","type":"single_choice","text":"What do you like most?",
                   "options":["The films","The recommendations","The prices"]}],
                 "targeting":{"urlPattern":"/demo*"},
                 "trigger":{"type":"time_on_page","seconds":8},
                 "frequency":{"maxDisplays":1},
                 "thankYou":"Thank you, that helps us a lot!"}""";
        String body = Json.createObjectBuilder().add("siteId", siteId).add("name", SURVEY_NAME)
                .add("definition", Json.createReader(new StringReader(definition)).readObject()).build().toString();
        HttpResponse<String> created = post("/api/v1/admin/surveys", basic, body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating the demo survey failed: " + created.statusCode() + " " + created.body());
        }
        String id = Json.createReader(new StringReader(created.body())).readObject().getString("id");
        HttpResponse<String> active = post("/api/v1/admin/surveys/" + id + "/status", basic, "{\"status\":\"active\"}");
        if (active.statusCode() != 200) {
            throw new IllegalStateException("Activating the demo survey failed: " + active.statusCode() + " " + active.body());
        }
    }

    static final String EXPERIMENT_KEY = "hero-copy";
    static final String SEGMENT_KEY = "enthusiasts";

    private static final String[] USER_AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"};
    private static final String[] LOCALES = {"en-US", "de-DE", "fr-FR", "en-GB"};

    /** A segment the ratings fill (visitors who rated three films or more), made before the ratings arrive. */
    private void ensureSegment(String siteId, String adminUser, String adminPassword) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/admin/segments?site=" + siteId))
                .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() == 200 && list.body().contains("\"key\":\"" + SEGMENT_KEY + "\"")) {
            return;
        }
        String body = """
                {"siteId":"%s","key":"%s","name":"Film enthusiasts","description":"Rated three films or more",
                 "rule":{"field":"ratings","op":">=","value":3}}""".formatted(siteId, SEGMENT_KEY);
        HttpResponse<String> created = post("/api/v1/admin/segments", basic, body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating the demo segment failed: " + created.statusCode() + " " + created.body());
        }
    }

    /** A running A/B test of the demo shop's tagline: does an invitation to rate make visitors rate more? */
    private void ensureExperiment(String siteId, String adminUser, String adminPassword) throws IOException, InterruptedException {
        String basic = "Basic " + Base64.getEncoder().encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/admin/experiments?site=" + siteId))
                .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() == 200 && list.body().contains("\"key\":\"" + EXPERIMENT_KEY + "\"")) {
            return;
        }
        String body = """
                {"siteId":"%s","key":"%s","name":"Tagline that invites rating",
                 "hypothesis":"Asking visitors to rate three films makes more of them rate, without hurting NPS",
                 "variants":[{"key":"control","weight":50,"payload":{"text":"Films picked for you, learning from every rating."}},
                             {"key":"invite","weight":50,"payload":{"text":"Rate three films and watch your picks change."}}],
                 "targeting":{"urlPatterns":["/demo*"]},
                 "metrics":[{"key":"rated","kind":"conversion","eventType":"rating","windowHours":24},
                            {"key":"ratings","kind":"sum","eventType":"rating","windowHours":24},
                            {"key":"nps","kind":"nps","eventType":"nps","windowHours":168,"guardrail":true}]}"""
                .formatted(siteId, EXPERIMENT_KEY);
        HttpResponse<String> created = post("/api/v1/admin/experiments", basic, body);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Creating the demo experiment failed: " + created.statusCode() + " " + created.body());
        }
        String id = Json.createReader(new StringReader(created.body())).readObject().getString("id");
        HttpResponse<String> running = post("/api/v1/admin/experiments/" + id + "/status", basic, "{\"status\":\"running\"}");
        if (running.statusCode() != 200) {
            throw new IllegalStateException("Starting the demo experiment failed: " + running.statusCode() + " " + running.body());
        }
    }

    private HttpResponse<String> post(String path, String authorization, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
