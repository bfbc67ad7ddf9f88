package dev.attune.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kills the server with SIGKILL under load, restarts it, and checks the promise of ingest: every acknowledged event
 * is stored exactly once; events sent but not acknowledged are stored at most once, and exactly once after the client
 * retries them with the same ids; every stored rating reaches the personalization module exactly once (outbox).
 */
final class CrashTest {
    private CrashTest() {}

    static void run(Map<String, String> options) throws Exception {
        int clients = Options.integer(options, "clients", 16);
        int batch = Options.integer(options, "batch", 20);
        long loadMillis = Options.integer(options, "kill-after-ms", 8_000);
        try (BenchServer server = BenchServer.start()) {
            String secret = server.createSite()[1];
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
            Set<UUID> unconfirmed = ConcurrentHashMap.newKeySet();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                pool.submit(() ->
                        sendUntilStopped(http, server.baseUrl(), secret, batch, running, acknowledged, unconfirmed));
            }
            Thread.sleep(loadMillis);
            System.out.printf("· SIGKILL to the server after %,d acknowledged events%n", acknowledged.size());
            server.instance().domain().kill();
            Thread.sleep(1_000);
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            unconfirmed.removeAll(acknowledged);

            System.out.println("· Restarting");
            server.instance().restart();
            long ackedStored = countStored(server, acknowledged);
            long unconfirmedStored = countStored(server, unconfirmed);
            System.out.printf("· Retrying the %,d unconfirmed events with their ids%n", unconfirmed.size());
            retry(http, server.baseUrl(), secret, new ArrayList<>(unconfirmed));
            long total = countAll(server);
            boolean drained = awaitOutboxDrained(server, Duration.ofSeconds(60));
            long announced = announcedRatings(server);

            long lost = acknowledged.size() - ackedStored;
            long expectedTotal = (long) acknowledged.size() + unconfirmed.size();
            System.out.printf(
                    "crash: acknowledged=%d acknowledged_stored=%d lost=%d unconfirmed=%d unconfirmed_stored_before_retry=%d "
                            + "stored_after_retry=%d expected_after_retry=%d duplicates=%d outbox_drained=%s announced_ratings=%d%n",
                    acknowledged.size(),
                    ackedStored,
                    lost,
                    unconfirmed.size(),
                    unconfirmedStored,
                    total,
                    expectedTotal,
                    total - expectedTotal,
                    drained,
                    announced);
            if (lost != 0 || total != expectedTotal || !drained || announced != total) {
                throw new IllegalStateException("ingest broke its promise; see the line above");
            }
        }
    }

    private static void sendUntilStopped(
            HttpClient http,
            String baseUrl,
            String secret,
            int batch,
            AtomicBoolean running,
            Set<UUID> acknowledged,
            Set<UUID> unconfirmed) {
        while (running.get()) {
            List<UUID> ids = new ArrayList<>();
            StringBuilder body = new StringBuilder("{\"events\":[");
            for (int i = 0; i < batch; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                body.append(i == 0 ? "" : ",").append(rating(id));
            }
            body.append("]}");
            unconfirmed.addAll(ids);
            try {
                HttpResponse<String> r =
                        http.send(post(baseUrl, secret, body.toString()), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    acknowledged.addAll(ids);
                }
            } catch (Exception serverGone) {
                sleep(100);
            }
        }
    }

    private static void retry(HttpClient http, String baseUrl, String secret, List<UUID> ids) throws Exception {
        for (int from = 0; from < ids.size(); from += 500) {
            StringBuilder body = new StringBuilder("{\"events\":[");
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            for (int i = 0; i < chunk.size(); i++) {
                body.append(i == 0 ? "" : ",").append(rating(chunk.get(i)));
            }
            HttpResponse<String> r = http.send(
                    post(baseUrl, secret, body.append("]}").toString()), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("retry refused: " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** The same id always describes the same rating, as a real client's retry would. */
    private static String rating(UUID id) {
        int h = Math.abs(id.hashCode());
        return "{\"id\":\"" + id + "\",\"type\":\"rating\",\"subjectId\":\"visitor-" + (h % 500)
                + "\",\"itemId\":\"item-" + (h % 200) + "\",\"value\":" + (1 + h % 5) + "}";
    }

    static HttpRequest post(String baseUrl, String secret, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + secret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static long countStored(BenchServer server, Set<UUID> ids) throws Exception {
        try (Connection c = server.database();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM feedback.event WHERE event_id = ANY (?)")) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long countAll(BenchServer server) throws Exception {
        return single(server, "SELECT count(*) FROM feedback.event");
    }

    private static long announcedRatings(BenchServer server) throws Exception {
        return single(server, "SELECT coalesce(sum(ratings), 0) FROM personalization.item_rating_stats");
    }

    /**
     * Before a measured phase: waits until the pipeline has caught up (an outbox backlog would take CPU from the
     * phase), prints how long that took, and fails the benchmark when it does not within 300 s.
     */
    static void requireOutboxDrained(BenchServer server) throws Exception {
        long start = System.nanoTime();
        if (!awaitOutboxDrained(server, Duration.ofSeconds(300))) {
            throw new IllegalStateException("the outbox did not drain within 300 s");
        }
        System.out.printf("· outbox drained (%.1f s)%n", (System.nanoTime() - start) / 1e9);
    }

    /** Events stored and not yet taken by the pipeline. */
    static long outboxRows(BenchServer server) throws Exception {
        return single(server, "SELECT count(*) FROM feedback.outbox");
    }

    static boolean awaitOutboxDrained(BenchServer server, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // an existence check, not a count: polled every 200 ms inside measured windows, a count of a large
            // backlog was itself a visible share of PostgreSQL's CPU
            if (single(server, "SELECT count(*) FROM (SELECT 1 FROM feedback.outbox LIMIT 1) o") == 0) {
                return true;
            }
            sleep(200);
        }
        return false;
    }

    private static long single(BenchServer server, String sql) throws Exception {
        try (Connection c = server.database();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis + ThreadLocalRandom.current().nextInt(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
