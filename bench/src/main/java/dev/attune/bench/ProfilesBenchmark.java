package dev.attune.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code bench/run profiles}: events through enrichment (language, sentiment, user agent, context), the live profile
 * and segment evaluation on one instance.
 * <ul>
 *   <li>{@code pipeline_events_per_s}: {@code --events} (default 40,000) realistic events sent as HTTP batches as fast
 *       as the server takes them, until every one is in its subject's profile, beside {@code http_events_per_s}, the
 *       rate at which the same events were acknowledged (stored) in the same run;
 *   <li>{@code lag_p50_ms}, {@code lag_p99_ms}: then {@code --rate} events per second (default 1,000) for
 *       {@code --seconds} (default 20), and the server's record of the time from each event's arrival to its
 *       profile's update.
 * </ul>
 * Four active segments are evaluated on every event (one windowed, one on sentiment, one on NPS, one on interest).
 */
final class ProfilesBenchmark {
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0"
    };
    private static final String[] ZONES = {
        "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London", "America/Los_Angeles"
    };
    private static final String[] REFERRERS = {
        "https://www.google.com/", "https://www.reddit.com/r/films", "", "https://news.example.org/a"
    };
    private static final String[] TEXTS = {
        "I absolutely love this, works great!",
        "Terrible quality, it broke after a day.",
        "Decent value for the price, nothing special.",
        "Shipping was slow but the support team was helpful.",
        "Das Produkt ist leider nicht gut.",
        "Best purchase this year, highly recommended!!"
    };
    private static final String[] GENRES = {"Drama", "Comedy", "Action", "Sci-Fi", "Thriller", "Romance", "Documentary"
    };

    private ProfilesBenchmark() {}

    static void run(Map<String, String> options) throws Exception {
        int events = Options.integer(options, "events", 40_000);
        int subjects = Options.integer(options, "subjects", 5_000);
        int clients = Options.integer(options, "clients", 4);
        int rate = Options.integer(options, "rate", 1_000);
        int seconds = Options.integer(options, "seconds", 20);
        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            Admin admin = new Admin(server.baseUrl());
            admin.segments(site[0]);
            Random random = new Random(23);
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

            // warm-up: parsers, models, JIT
            send(http, server.baseUrl(), site[1], batches(2_000, subjects, random, "w"), clients);
            awaitProfiles(server, UUID.fromString(site[0]), stored(server, UUID.fromString(site[0])));

            List<String> load = batches(events, subjects, random, "t");
            long t0 = System.nanoTime();
            send(http, server.baseUrl(), site[1], load, clients);
            double httpSeconds = (System.nanoTime() - t0) / 1e9;
            // what was stored (quarantined events, e.g. repeated texts, never reach profiles) must all be in profiles
            awaitProfiles(server, UUID.fromString(site[0]), stored(server, UUID.fromString(site[0])));
            double pipelineSeconds = (System.nanoTime() - t0) / 1e9;
            double httpRate = events / httpSeconds;
            double pipelineRate = events / pipelineSeconds;
            System.out.printf(
                    Locale.ROOT,
                    "· %,d events: acknowledged in %.1f s (%,.0f/s), all in profiles after %.1f s (%,.0f/s)%n",
                    events,
                    httpSeconds,
                    httpRate,
                    pipelineSeconds,
                    pipelineRate);

            admin.resetLag();
            int perTick = Math.max(1, rate / 50); // a batch every 20 ms
            long start = System.nanoTime();
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            AtomicInteger failed = new AtomicInteger();
            for (int tick = 0; tick < seconds * 50; tick++) {
                long due = start + tick * 20_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String body =
                        "{\"events\":[" + String.join(",", eventsJson(perTick, subjects, random, "r" + tick)) + "]}";
                inFlight.add(post(http, server.baseUrl(), site[1], body).whenComplete((r, e) -> {
                    if (e != null || r.statusCode() != 202) {
                        failed.incrementAndGet();
                    }
                }));
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            Thread.sleep(1000);
            JsonObject lag = admin.lag();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " paced batches failed");
            }
            System.out.printf(
                    Locale.ROOT,
                    "· %d events/s for %d s: arrival to profile update p50 %.2f ms, p99 %.2f ms, max %.1f ms over %d events%n",
                    perTick * 50,
                    seconds,
                    lag.getJsonNumber("p50Ms").doubleValue(),
                    lag.getJsonNumber("p99Ms").doubleValue(),
                    lag.getJsonNumber("maxMs").doubleValue(),
                    lag.getJsonNumber("events").longValue());
            System.out.printf(
                    Locale.ROOT,
                    "profiles: pipeline_events_per_s=%.0f http_events_per_s=%.0f pipeline_ratio=%.2f lag_p50_ms=%.2f "
                            + "lag_p99_ms=%.2f lag_max_ms=%.1f rate=%d segments=4 events=%d%n",
                    pipelineRate,
                    httpRate,
                    pipelineRate / httpRate,
                    lag.getJsonNumber("p50Ms").doubleValue(),
                    lag.getJsonNumber("p99Ms").doubleValue(),
                    lag.getJsonNumber("maxMs").doubleValue(),
                    perTick * 50,
                    events);
        }
    }

    private static long stored(BenchServer server, UUID site) throws Exception {
        try (Connection c = server.database();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM feedback.event WHERE site_id = ?")) {
            ps.setObject(1, site);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void awaitProfiles(BenchServer server, UUID site, long expected) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        try (Connection c = server.database();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT coalesce(sum(events), 0) FROM personalization.profile WHERE site_id = ?")) {
            ps.setObject(1, site);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= expected) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("profiles did not reach " + expected + " events in 10 minutes");
    }

    private static List<String> batches(int events, int subjects, Random random, String prefix) {
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < events; from += 500) {
            bodies.add("{\"events\":["
                    + String.join(",", eventsJson(Math.min(500, events - from), subjects, random, prefix + from))
                    + "]}");
        }
        return bodies;
    }

    private static List<String> eventsJson(int n, int subjects, Random random, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = random.nextInt(subjects);
            String item = "item-" + random.nextInt(400);
            String genre = GENRES[Math.floorMod(item.hashCode(), GENRES.length)];
            String referrer = REFERRERS[random.nextInt(REFERRERS.length)];
            String context = "\"context\":{\"userAgent\":\"" + AGENTS[s % AGENTS.length] + "\",\"timeZone\":\""
                    + ZONES[s % ZONES.length]
                    + "\",\"url\":\"https://shop.example/p/" + item + "\""
                    + (referrer.isEmpty() ? "" : ",\"referrer\":\"" + referrer + "\"")
                    + ",\"sessionId\":\"sess-" + s + "\",\"locale\":\"en-US\"}";
            int kind = random.nextInt(20);
            String event;
            if (kind < 12) {
                event = "{\"type\":\"page_view\",\"itemId\":\"" + item + "\"";
            } else if (kind < 15) {
                event = "{\"type\":\"click\",\"itemId\":\"" + item + "\"";
            } else if (kind < 17) {
                event = "{\"type\":\"rating\",\"itemId\":\"" + item + "\",\"value\":" + (1 + random.nextInt(5));
            } else if (kind < 18) {
                event = "{\"type\":\"purchase\",\"itemId\":\"" + item + "\",\"value\":" + (10 + random.nextInt(90));
            } else if (kind < 19) {
                event = "{\"type\":\"text\",\"itemId\":\"" + item + "\",\"text\":\""
                        + TEXTS[random.nextInt(TEXTS.length)] + "\"";
            } else {
                event = "{\"type\":\"nps\",\"value\":" + random.nextInt(11);
            }
            out.add(event + ",\"subjectId\":\"subject-" + s + "\",\"properties\":{\"genres\":[\"" + genre + "\"]},"
                    + context + "}");
        }
        return out;
    }

    static void send(HttpClient http, String base, String secretKey, List<String> bodies, int clients)
            throws Exception {
        Semaphore slots = new Semaphore(clients);
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (String body : bodies) {
            slots.acquire();
            all.add(post(http, base, secretKey, body).whenComplete((r, e) -> {
                if (e != null || r.statusCode() != 202) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet(null, e != null ? e.toString() : r.statusCode() + " " + r.body());
                }
                slots.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        if (failed.get() > 0) {
            String f = firstFailure.get();
            throw new IllegalStateException(
                    failed.get() + " batches failed; the first: " + f.substring(0, Math.min(600, f.length())));
        }
    }

    private static CompletableFuture<HttpResponse<String>> post(
            HttpClient http, String base, String secretKey, String body) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                        .header("Authorization", "Bearer " + secretKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final class Admin {
        private final BenchAdmin admin;

        Admin(String base) {
            this.admin = new BenchAdmin(base);
        }

        private String send(String method, String path, String body, int expected) throws Exception {
            return admin.send(method, path, body, expected);
        }

        void segments(String siteId) throws Exception {
            String[] rules = {
                "{\"all\":[{\"events\":{\"type\":\"page_view\",\"sameItem\":true,\"withinHours\":24},\"op\":\">\",\"value\":3},"
                        + "{\"events\":{\"type\":\"purchase\",\"withinHours\":24},\"op\":\"=\",\"value\":0}]}",
                "{\"events\":{\"type\":\"text\",\"sentiment\":\"negative\",\"withinHours\":168},\"op\":\">=\",\"value\":1}",
                "{\"field\":\"npsClass\",\"op\":\"=\",\"value\":\"promoter\"}",
                "{\"interest\":{\"attribute\":\"Sci-Fi\"},\"op\":\">\",\"value\":5}"
            };
            for (int i = 0; i < rules.length; i++) {
                send(
                        "POST",
                        "/api/v1/admin/segments",
                        "{\"siteId\":\"" + siteId + "\",\"key\":\"bench-" + i + "\",\"name\":\"Bench " + i
                                + "\",\"rule\":" + rules[i] + "}",
                        201);
            }
        }

        void resetLag() throws Exception {
            send("POST", "/api/v1/admin/profiles/pipeline/reset", "{}", 200);
        }

        JsonObject lag() throws Exception {
            return Json.createReader(new StringReader(send("GET", "/api/v1/admin/profiles/pipeline", null, 200)))
                    .readObject();
        }
    }
}
