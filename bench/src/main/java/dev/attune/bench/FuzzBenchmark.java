package dev.attune.bench;

import dev.attune.bench.fuzz.ApiOperation;
import dev.attune.bench.fuzz.FuzzReport;
import dev.attune.bench.fuzz.FuzzTarget;
import dev.attune.bench.fuzz.Fuzzer;
import dev.attune.bench.fuzz.OpenApiOperations;
import dev.attune.bench.fuzz.RowCounts;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code bench/run fuzz [--requests N] [--seed S]}: the API fuzzer of ApiFuzzIT with a larger budget, on a fresh
 * server; {@code --url U --admin-password P [--db-url J --db-password D]} fuzzes a running one instead (the row-count
 * check needs its database). Ends with {@code fuzz: operations=… requests=… server_errors=0 …}.
 */
final class FuzzBenchmark {
    private FuzzBenchmark() {}

    static void run(Map<String, String> options) throws Exception {
        int requests = Options.integer(options, "requests", 3000);
        long seed = Long.parseLong(options.getOrDefault("seed", "20261208"));
        if (options.containsKey("url")) {
            String url = options.get("url");
            String password = options.get("admin-password");
            String[] site = createSite(url, password);
            RowCounts counts = options.containsKey("db-url")
                    ? new RowCounts(
                            () -> DriverManager.getConnection(
                                    options.get("db-url"),
                                    options.getOrDefault("db-user", "attune"),
                                    options.get("db-password")),
                            UUID.fromString(site[0]))
                    : null;
            fuzz(
                    new FuzzTarget(url, "admin", password, site[0], site[1], site[2], BenchServer.ORIGIN),
                    counts,
                    requests,
                    seed);
            return;
        }
        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            try (RowCounts counts = new RowCounts(server::database, UUID.fromString(site[0]))) {
                fuzz(
                        new FuzzTarget(
                                server.baseUrl(),
                                "admin",
                                BenchServer.ADMIN_PASSWORD,
                                site[0],
                                site[1],
                                site[2],
                                BenchServer.ORIGIN),
                        counts,
                        requests,
                        seed);
            }
        }
    }

    private static void fuzz(FuzzTarget target, RowCounts counts, int requests, long seed) throws Exception {
        Fuzzer fuzzer = new Fuzzer(target, counts, line -> System.out.println("· " + line));
        List<ApiOperation> operations = OpenApiOperations.fetch(fuzzer.http(), target.baseUrl());
        int tries = Math.max(1, requests / operations.size());
        System.out.println("· " + operations.size() + " operations in /openapi, " + tries + " requests each, seed "
                + seed + (counts == null ? " (no database: row counts not checked)" : ""));
        FuzzReport report = fuzzer.run(operations, tries, seed);
        report.findings().forEach(f -> System.out.println("· " + f.toString().replace("\n", "\n·   ")));
        System.out.println("· slowest answer " + report.slowest());
        System.out.println(report.summary());
    }

    /** A site to fuzz on a running server: {id, secret key, public key}. */
    private static String[] createSite(String url, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        var r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/admin/sites"))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Fuzz " + UUID.randomUUID()
                                        + "\",\"consentMode\":\"implied\",\"allowedOrigins\":[\"" + BenchServer.ORIGIN
                                        + "\"]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("site not created: " + r.statusCode() + " " + r.body());
        }
        var json = Json.createReader(new StringReader(r.body())).readObject();
        return new String[] {json.getString("id"), json.getString("secretKey"), json.getString("publicKey")};
    }
}
