package dev.attune.bench;

import dev.attune.platform.api.Targeting;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench/run experiments}: how fast units get their variants and how fast results refresh.
 * <ul>
 *   <li>{@code api_new_per_s}: fresh units through {@code GET /api/v1/assignments} (each stores its exposure);
 *   <li>{@code api_repeat_per_s}: the same units again (served from the server's memory);
 *   <li>{@code memory_per_s}: the deterministic assignment itself (share and variant buckets, SHA-256) in this JVM;
 *   <li>{@code results_p50_ms}: {@code GET …/results} for an experiment with {@code --exposures} exposed units (default
 *       1,000,000) and 5 metrics (conversion, sum, mean, NPS, ratio), beside {@code rescan_ms}: one aggregation over
 *       the per-unit rows, which is what a refresh would cost without the incrementally kept totals.
 * </ul>
 */
final class ExperimentsBenchmark {
    private static final String METRICS = """
            [{"key":"bought","kind":"conversion","eventType":"purchase"},{"key":"revenue","kind":"sum","eventType":"purchase"},
             {"key":"rating","kind":"mean","eventType":"rating"},{"key":"nps","kind":"nps","eventType":"nps","guardrail":true},
             {"key":"per-cart","kind":"ratio","eventType":"purchase","denominatorEventType":"add_to_cart"}]""";

    private ExperimentsBenchmark() {}

    static void run(Map<String, String> options) throws Exception {
        int units = Options.integer(options, "units", 20_000);
        int clients = Options.integer(options, "clients", 16);
        int exposures = Options.integer(options, "exposures", 1_000_000);
        int refreshes = Options.integer(options, "refreshes", 30);
        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            Admin admin = new Admin(server.baseUrl());
            admin.start(admin.create(site[0], "assign"));
            assignments(server.baseUrl(), site[1], "warm", 2000, clients);
            double newPerS = assignments(server.baseUrl(), site[1], "u", units, clients);
            double repeatPerS = assignments(server.baseUrl(), site[1], "u", units, clients);
            double memoryPerS = memory(2_000_000);
            System.out.printf(
                    Locale.ROOT,
                    "· assignments: %,.0f new units/s and %,.0f repeats/s through the API (%d clients), "
                            + "%,.0f/s computed in memory%n",
                    newPerS,
                    repeatPerS,
                    clients,
                    memoryPerS);

            String id = admin.create(site[0], "refresh");
            admin.start(id);
            long loaded = System.nanoTime();
            try (Connection c = server.database()) {
                load(c, UUID.fromString(id), exposures);
            }
            System.out.printf(
                    Locale.ROOT,
                    "· %,d exposures with 5 metrics loaded in %.1f s%n",
                    exposures,
                    (System.nanoTime() - loaded) / 1e9);
            admin.results(id); // warm
            double[] ms = new double[refreshes];
            JsonObject last = null;
            for (int i = 0; i < refreshes; i++) {
                long t = System.nanoTime();
                last = admin.results(id);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            // the same admin round trip (authentication, a definition read, JSON) without the results: the floor
            double[] floor = new double[refreshes];
            for (int i = 0; i < refreshes; i++) {
                long t = System.nanoTime();
                admin.experiment(id);
                floor[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(floor);
            long counted = last.getJsonArray("units").stream()
                    .mapToLong(u -> u.asJsonObject().getJsonNumber("units").longValue())
                    .sum();
            if (counted != exposures) {
                throw new IllegalStateException("results count " + counted + " units, expected " + exposures);
            }
            double rescan;
            try (Connection c = server.database()) {
                rescan = rescan(c, UUID.fromString(id));
            }
            System.out.printf(
                    Locale.ROOT,
                    "· results of %,d units, 5 metrics: p50 %.1f ms, max %.1f ms over %d refreshes (the same admin "
                            + "round trip without results: p50 %.1f ms); one rescan of the per-unit rows %.0f ms%n",
                    counted,
                    ms[ms.length / 2],
                    ms[ms.length - 1],
                    refreshes,
                    floor[floor.length / 2],
                    rescan);
            double computing = Math.max(0.1, ms[ms.length / 2] - floor[floor.length / 2]);
            System.out.printf(
                    Locale.ROOT,
                    "experiments: api_new_per_s=%.0f api_repeat_per_s=%.0f memory_per_s=%.0f results_p50_ms=%.1f "
                            + "results_max_ms=%.1f admin_floor_p50_ms=%.1f results_over_floor_ms=%.1f rescan_ms=%.0f rescan_ratio=%.0f "
                            + "exposures=%d metrics=5%n",
                    newPerS,
                    repeatPerS,
                    memoryPerS,
                    ms[ms.length / 2],
                    ms[ms.length - 1],
                    floor[floor.length / 2],
                    computing,
                    rescan,
                    rescan / computing,
                    exposures);
        }
    }

    /** Units per second through the assignments API with {@code clients} requests in flight. */
    private static double assignments(String base, String secretKey, String prefix, int units, int clients)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        Semaphore inFlight = new Semaphore(clients);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long t = System.nanoTime();
        for (int u = 0; u < units; u++) {
            inFlight.acquire();
            all.add(http.sendAsync(
                            HttpRequest.newBuilder(URI.create(base + "/api/v1/assignments?subject=" + prefix + u
                                            + "&device=" + (u % 3 == 0 ? "mobile" : "desktop")))
                                    .header("Authorization", "Bearer " + secretKey)
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                        inFlight.release();
                    }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double perS = units / ((System.nanoTime() - t) / 1e9);
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " assignment requests failed");
        }
        return perS;
    }

    /** The server's deterministic assignment of a new unit (share bucket, then variant bucket), in this JVM. */
    private static double memory(int units) {
        long t = System.nanoTime();
        long b = 0;
        for (int u = 0; u < units; u++) {
            String unit = "m" + u;
            if (Targeting.bucket("traffic:refresh:" + unit, 100) < 100) {
                b += Targeting.bucket("refresh:" + unit, 10_000) < 5000 ? 1 : 0;
            }
        }
        double perS = units / ((System.nanoTime() - t) / 1e9);
        if (b == 0) {
            throw new IllegalStateException("no unit in the treatment");
        }
        return perS;
    }

    /**
     * Writes what the incremental path would have written for {@code n} exposed units: assignments, exposure
     * totals, per-unit metric rows (10 % buy, 40 % rate, 20 % answer NPS, 30 % with carts) and the per-variant sums.
     */
    private static void load(Connection c, UUID id, int n) throws Exception {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO personalization.assignment (experiment_id, unit, variant, device)
                SELECT ?, 'x' || g, CASE WHEN g % 2 = 0 THEN 'control' ELSE 'treatment' END, (ARRAY['desktop', 'mobile', 'tablet'])[1 + g % 3]
                FROM generate_series(1, ?) g""")) {
            ps.setObject(1, id);
            ps.setInt(2, n);
            ps.executeUpdate();
        }
        execute(c, """
                INSERT INTO personalization.exposure_total (experiment_id, variant, device, units)
                SELECT experiment_id, variant, device, count(*) FROM personalization.assignment WHERE experiment_id = ? GROUP BY 1, 2, 3
                ON CONFLICT (experiment_id, variant, device, stripe) DO UPDATE SET units = EXCLUDED.units""", id);
        execute(c, """
                INSERT INTO personalization.metric_unit (experiment_id, metric, unit, variant, device, value, events, den)
                SELECT a.experiment_id, m.metric, a.unit, a.variant, a.device, m.value, 1, m.den
                FROM personalization.assignment a, LATERAL (SELECT substr(a.unit, 2)::int AS g) k,
                LATERAL (VALUES ('bought', 1.0, 0, k.g % 10 = 0), ('revenue', 20.0 + k.g % 50, 0, k.g % 10 = 0),
                                ('rating', 1.0 + k.g % 5, 0, k.g % 5 < 2), ('nps', (k.g % 11)::float8, 0, k.g % 5 = 1),
                                ('per-cart', (k.g % 100)::float8, 1 + k.g % 3, k.g % 10 < 3)) AS m(metric, value, den, present)
                WHERE a.experiment_id = ? AND m.present""", id);
        execute(c, """
                INSERT INTO personalization.metric_total (experiment_id, metric, variant, device, units, sum, sum_squares, sum_den,
                    sum_den_squares, sum_cross)
                SELECT experiment_id, metric, variant, device, count(*), sum(v), sum(v * v), sum(den), sum(den * den), sum(v * den)
                FROM (SELECT experiment_id, metric, variant, device, den,
                             CASE WHEN metric = 'nps' THEN CASE WHEN value >= 9 THEN 1 WHEN value >= 7 THEN 0 ELSE -1 END ELSE value END AS v
                      FROM personalization.metric_unit WHERE experiment_id = ?) u
                GROUP BY 1, 2, 3, 4""", id);
        c.commit();
        c.setAutoCommit(true);
        execute(c, "ANALYZE personalization.metric_unit");
    }

    /** Milliseconds of one aggregation over the experiment's per-unit rows (the no-totals way to refresh). */
    private static double rescan(Connection c, UUID id) throws Exception {
        long t = System.nanoTime();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT metric, variant, count(*), sum(value), sum(value * value), sum(den), sum(value * den)
                FROM personalization.metric_unit WHERE experiment_id = ? GROUP BY 1, 2""")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(3);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT variant, count(*) FROM personalization.assignment WHERE experiment_id = ? GROUP BY 1")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(2);
                }
            }
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static void execute(Connection c, String sql, Object... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    private static final class Admin {
        private final BenchAdmin admin;

        Admin(String base) {
            this.admin = new BenchAdmin(base);
        }

        private String send(String method, String path, String body, int expected) throws Exception {
            return admin.send(method, path, body, expected);
        }

        String create(String siteId, String key) throws Exception {
            return json(send("POST", "/api/v1/admin/experiments", """
                    {"siteId":"%s","key":"%s","name":"Bench %s","variants":[{"key":"control","weight":50},{"key":"treatment","weight":50}],
                     "metrics":%s}""".formatted(siteId, key, key, METRICS), 201))
                    .getString("id");
        }

        void start(String id) throws Exception {
            send("POST", "/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}", 200);
        }

        JsonObject experiment(String id) throws Exception {
            return json(send("GET", "/api/v1/admin/experiments/" + id, null, 200));
        }

        JsonObject results(String id) throws Exception {
            return json(send("GET", "/api/v1/admin/experiments/" + id + "/results", null, 200));
        }

        private static JsonObject json(String body) {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }
}
