package dev.attune.bench;

import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code bench/run crash --derived}: SIGKILL the server several times under mixed load (page views, clicks, ratings,
 * NPS answers, texts, purchases of units in a running experiment), restart it each time, retry what was not
 * acknowledged, wait for the pipeline to drain, and compare every derived table with what the stored events give:
 * enrichments, KPI rollups (totals and segment slices), rating statistics, profiles, segment memberships, experiment
 * metrics per unit and per variant. One {@code name=mismatches/rows} pair per table, then {@code derived_mismatches}.
 */
final class DerivedCrashCheck {
    private static final String[] TEXTS = {
        "I love it, wonderful quality",
        "Terrible, it broke after a day",
        "It is fine, nothing special",
        "Great service and fast delivery",
        "Awful support, never again"
    };

    private DerivedCrashCheck() {}

    static void run(Map<String, String> options) throws Exception {
        int clients = Options.integer(options, "clients", 8);
        int batch = Options.integer(options, "batch", 20);
        int kills = Options.integer(options, "kills", 3);
        long loadMillis = Options.integer(options, "kill-after-ms", 6_000);
        int units = Options.integer(options, "units", 1000);
        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            BenchAdmin admin = new BenchAdmin(server.baseUrl());
            admin.json("POST", "/api/v1/admin/segments", """
                    {"siteId":"%s","key":"raters","name":"Raters","rule":{"events":{"type":"rating","withinHours":720},"op":">=","value":1}}""".formatted(site[0]), 201);
            String experiment = admin.json("POST", "/api/v1/admin/experiments", """
                    {"siteId":"%s","key":"derived","name":"Derived check","variants":[{"key":"control","weight":50},{"key":"treatment","weight":50}],
                     "metrics":[{"key":"purchases","kind":"conversion","eventType":"purchase","windowHours":24},
                                {"key":"spend","kind":"sum","eventType":"purchase","windowHours":24}]}""".formatted(site[0]), 201)
                    .getString("id");
            admin.send("POST", "/api/v1/admin/experiments/" + experiment + "/status", "{\"status\":\"running\"}", 200);
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            for (int u = 0; u < units; u++) {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/assignments?subject=unit-" + u))
                                .header("Authorization", "Bearer " + site[1])
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("assignment refused: " + r.statusCode() + " " + r.body());
                }
            }
            System.out.printf("· site, segment, running experiment, %d units assigned%n", units);

            Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
            Set<UUID> unconfirmed = ConcurrentHashMap.newKeySet();
            for (int round = 1; round <= kills; round++) {
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                for (int c = 0; c < clients; c++) {
                    pool.submit(() ->
                            send(http, server.baseUrl(), site[1], batch, units, running, acknowledged, unconfirmed));
                }
                Thread.sleep(loadMillis);
                System.out.printf(
                        "· round %d: SIGKILL after %,d acknowledged events in all%n", round, acknowledged.size());
                server.instance().domain().kill();
                Thread.sleep(500);
                running.set(false);
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                server.instance().restart();
            }
            unconfirmed.removeAll(acknowledged);
            System.out.printf("· retrying the %,d unconfirmed events with their ids%n", unconfirmed.size());
            List<UUID> retry = new ArrayList<>(unconfirmed);
            for (int from = 0; from < retry.size(); from += 500) {
                List<UUID> chunk = retry.subList(from, Math.min(retry.size(), from + 500));
                HttpResponse<String> r = http.send(
                        CrashTest.post(server.baseUrl(), site[1], body(chunk, units)),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("retry refused: " + r.statusCode() + " " + r.body());
                }
            }
            boolean drained = CrashTest.awaitOutboxDrained(server, Duration.ofSeconds(300));
            Map<String, long[]> checks = check(server, UUID.fromString(site[0]), UUID.fromString(experiment));
            long stored = checks.get("events")[1];
            long lost = acknowledged.size() - CrashTest.countStored(server, acknowledged);
            long quarantined = quarantined(server, UUID.fromString(site[0]));
            long mismatches = 0;
            StringBuilder line = new StringBuilder();
            for (Map.Entry<String, long[]> c : checks.entrySet()) {
                mismatches += c.getValue()[0];
                line.append(' ')
                        .append(c.getKey())
                        .append('=')
                        .append(c.getValue()[0])
                        .append('/')
                        .append(c.getValue()[1]);
            }
            System.out.printf(
                    "crash: kills=%d acknowledged=%d lost=%d stored=%d expected=%d quarantined=%d outbox_drained=%s%s "
                            + "derived_mismatches=%d%n",
                    kills,
                    acknowledged.size(),
                    lost,
                    stored,
                    acknowledged.size() + unconfirmed.size(),
                    quarantined,
                    drained,
                    line,
                    mismatches);
            if (lost != 0
                    || quarantined != 0
                    || stored != acknowledged.size() + unconfirmed.size()
                    || !drained
                    || mismatches != 0) {
                throw new IllegalStateException("derived state broke its promise; see the line above");
            }
        }
    }

    /**
     * Per table: {rows or groups that differ from what the stored events give, rows or groups compared}. Every event
     * of the run's site has a subject that allows personalization (implied consent), and at most one segment exists.
     */
    static Map<String, long[]> check(BenchServer server, UUID site, UUID experiment) throws Exception {
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Connection c = server.database()) {
            out.put("events", new long[] {0, one(c, "SELECT count(*) FROM feedback.event WHERE site_id = ?", site)});
            out.put("enrichment", compare(c, """
                    SELECT event_id FROM feedback.event WHERE site_id = ?""", """
                    SELECT event_id FROM personalization.enrichment WHERE site_id = ?""", site, "event_id"));
            out.put("kpi_rollup", compare(c, """
                    SELECT date_trunc('minute', occurred_at) AS b, count(*) AS n, count(*) FILTER (WHERE type = 'rating') AS r,
                           count(*) FILTER (WHERE type = 'page_view') AS v, count(*) FILTER (WHERE type = 'purchase') AS p,
                           count(*) FILTER (WHERE type = 'nps') AS s, coalesce(sum(value) FILTER (WHERE type = 'purchase'), 0) AS revenue
                    FROM feedback.event WHERE site_id = ? GROUP BY 1""", """
                    SELECT bucket AS b, sum(events) AS n, sum(ratings) AS r, sum(page_views) AS v, sum(purchases) AS p,
                           sum(nps_promoters + nps_passives + nps_detractors) AS s, sum(revenue)::numeric(14, 2) AS revenue
                    FROM personalization.kpi_rollup WHERE site_id = ? GROUP BY 1""", site, "b"));
            out.put("kpi_segment_rollup", compare(c, """
                    SELECT date_trunc('minute', occurred_at) AS b, count(*) AS n FROM feedback.event WHERE site_id = ? GROUP BY 1""", """
                    SELECT bucket AS b, sum(events) AS n FROM personalization.kpi_segment_rollup WHERE site_id = ? GROUP BY 1""", site, "b"));
            out.put("rating_stats", compare(c, """
                    SELECT item_id, count(*) AS n, sum(value) AS s FROM feedback.event WHERE site_id = ? AND type = 'rating' GROUP BY 1""", """
                    SELECT item_id, ratings AS n, rating_sum AS s FROM personalization.item_rating_stats WHERE site_id = ?""", site, "item_id"));
            out.put("profiles", compare(c, """
                    SELECT subject_id AS subject, count(*) AS n FROM feedback.event WHERE site_id = ? GROUP BY 1""", """
                    SELECT subject, events AS n FROM personalization.profile WHERE site_id = ?""", site, "subject"));
            out.put("segment_members", compare(c, """
                    SELECT DISTINCT subject_id AS subject FROM feedback.event WHERE site_id = ? AND type = 'rating'""", """
                    SELECT m.subject FROM personalization.segment_member m JOIN personalization.segment s ON s.id = m.segment_id
                    WHERE s.site_id = ?""", site, "subject"));
            out.put(
                    "metric_units",
                    compare(c, """
                    SELECT subject_id AS unit, 'purchases' AS metric, count(*) AS events, 1.0::float8 AS value
                    FROM feedback.event WHERE site_id = ? AND type = 'purchase' GROUP BY 1
                    UNION ALL
                    SELECT subject_id, 'spend', count(*), round(sum(value), 2)::float8 FROM feedback.event WHERE site_id = ? AND type = 'purchase' GROUP BY 1""", """
                    SELECT unit, metric, events, round(value::numeric, 2)::float8 AS value FROM personalization.metric_unit
                    WHERE experiment_id = ? AND events > 0""", new Object[] {site, site}, new Object[] {experiment}, "unit, metric"));
            out.put(
                    "metric_totals",
                    compare(c, """
                    SELECT variant, metric, count(*) AS units, round(sum(value)::numeric, 2) AS total
                    FROM personalization.metric_unit WHERE experiment_id = ? AND events > 0 GROUP BY 1, 2""", """
                    SELECT variant, metric, sum(units) AS units, round(sum(sum)::numeric, 2) AS total
                    FROM personalization.metric_total WHERE experiment_id = ? GROUP BY 1, 2 HAVING sum(units) > 0""", new Object[] {experiment}, new Object[] {experiment}, "variant, metric"));
        }
        return out;
    }

    private static long[] compare(Connection c, String expected, String actual, UUID site, String key)
            throws Exception {
        return compare(c, expected, actual, new Object[] {site}, new Object[] {site}, key);
    }

    /** {rows of either query missing from the other, rows of the expected query}. */
    private static long[] compare(
            Connection c, String expected, String actual, Object[] expectedArgs, Object[] actualArgs, String key)
            throws Exception {
        List<Object> args = new ArrayList<>(List.of(expectedArgs));
        args.addAll(List.of(actualArgs));
        args.addAll(List.of(expectedArgs));
        args.addAll(List.of(actualArgs));
        args.addAll(List.of(expectedArgs));
        String sql = "SELECT (SELECT count(*) FROM ((" + expected + ") EXCEPT ALL (" + actual + ")) d) + "
                + "(SELECT count(*) FROM ((" + actual + ") EXCEPT ALL (" + expected + ")) d), (SELECT count(*) FROM ("
                + expected + ") e)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static long one(Connection c, String sql, Object arg) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Events the integrity screen held back (acknowledged, but not in the event store): the load must cause none. */
    private static long quarantined(BenchServer server, UUID site) throws Exception {
        try (Connection c = server.database()) {
            return one(c, "SELECT count(*) FROM feedback.quarantine WHERE site_id = ?", site);
        }
    }

    private static void send(
            HttpClient http,
            String base,
            String secret,
            int batch,
            int units,
            AtomicBoolean running,
            Set<UUID> acknowledged,
            Set<UUID> unconfirmed) {
        while (running.get()) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                ids.add(UUID.randomUUID());
            }
            unconfirmed.addAll(ids);
            try {
                HttpResponse<String> r =
                        http.send(CrashTest.post(base, secret, body(ids, units)), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 202) {
                    acknowledged.addAll(ids);
                }
            } catch (Exception serverGone) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static String body(List<UUID> ids, int units) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < ids.size(); i++) {
            body.append(i == 0 ? "" : ",").append(event(ids.get(i), units));
        }
        return body.append("]}").toString();
    }

    /** The same id always describes the same event, as a real client's retry would. */
    static String event(UUID id, int units) {
        int h = Math.abs(id.hashCode() % 1_000_000);
        String subject = "unit-" + (h % units);
        String item = "item-" + (h / units % 50);
        String context = ",\"context\":{\"sessionId\":\"" + subject + "-session\",\"locale\":\"en-US\"}";
        String head = "{\"id\":\"" + id + "\",\"subjectId\":\"" + subject + "\"";
        return switch (h / 7 % 10) {
            case 0, 1, 2 -> head + ",\"type\":\"page_view\"" + context + "}";
            case 3 -> head + ",\"type\":\"click\",\"itemId\":\"" + item + "\"" + context + "}";
            case 4, 5 ->
                head + ",\"type\":\"rating\",\"itemId\":\"" + item + "\",\"value\":" + (1 + h % 5) + context + "}";
            case 6 -> head + ",\"type\":\"nps\",\"value\":" + (h % 11) + "}";
            // each text its own (the integrity screen holds back a text repeated more than 5 times)
            case 7 ->
                head + ",\"type\":\"text\",\"text\":" + Json.createValue(TEXTS[h % TEXTS.length] + " (order " + h + ")")
                        + context + "}";
            default ->
                head + ",\"type\":\"purchase\",\"itemId\":\"" + item + "\",\"value\":" + (10 + h % 90) + context + "}";
        };
    }
}
