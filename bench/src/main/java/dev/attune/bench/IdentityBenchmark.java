package dev.attune.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code bench/run identity}: the identity graph through its APIs.
 * <ul>
 *   <li>{@code identify_per_s}: new visitors identified ({@code POST /api/v1/identify} with a user id and an email: three
 *       identifiers each, joined to the new person without merges), {@code --identifies} calls from {@code --clients} clients; {@code identify_repeat_per_s}:
 *       the same calls again (nothing changes);
 *   <li>{@code merge_into_10k_ms}: p50 of one alias call that merges a small person (3 identifiers) into a component of
 *       {@code --component} (10,000) identifiers, beside {@code merge_small_ms}, the same call between two small persons:
 *       merges move the smaller side only, so the two should be close; {@code merge_1k_into_10k_ms}: one merge of a
 *       1,000-identifier person into it;
 *   <li>{@code linkage_febrl2_s}: febrl2 (5,000 records) imported as a contacts CSV through the console's import API (identifiers,
 *       sealed contacts, blocking, EM, scoring, links), with precision, recall and F1 of the resulting persons (every pair
 *       of records in one person counts as a predicted link) against the true links; skipped without the data.
 * </ul>
 */
final class IdentityBenchmark {
    private IdentityBenchmark() {}

    static void run(Map<String, String> options) throws Exception {
        int identifies = Options.integer(options, "identifies", 10_000);
        int clients = Options.integer(options, "clients", 16);
        int component = Options.integer(options, "component", 10_000);
        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            Http http = new Http(server.baseUrl(), site[1]);
            http.calls(2000, clients, i -> identifyBody("warm" + i));
            double identifyPerS = http.calls(identifies, clients, i -> identifyBody("v" + i));
            double repeatPerS = http.calls(identifies, clients, i -> identifyBody("v" + i));
            System.out.printf(
                    Locale.ROOT,
                    "· identify: %,.0f new visitors/s (3 identifiers each, joined without merges), %,.0f repeats/s, %d clients%n",
                    identifyPerS,
                    repeatPerS,
                    clients);

            long built = System.nanoTime();
            http.calls(component - 1, 8, i -> alias("user", "big", "custom", "big-" + i));
            System.out.printf(
                    Locale.ROOT,
                    "· a component of %,d identifiers built by %,d alias calls in %.1f s%n",
                    component,
                    component - 1,
                    (System.nanoTime() - built) / 1e9);
            double[] intoBig = new double[21];
            double[] small = new double[21];
            for (int r = 0; r < intoBig.length; r++) {
                http.post("/api/v1/identify", smallPerson("s" + r)); // 3 identifiers: anonymous, email, device
                intoBig[r] = http.timed(alias("user", "big", "email", "s" + r + "@bench.test"));
                http.post("/api/v1/identify", smallPerson("t" + r));
                http.post("/api/v1/identify", smallPerson("w" + r));
                small[r] = http.timed(alias("email", "t" + r + "@bench.test", "email", "w" + r + "@bench.test"));
            }
            Arrays.sort(intoBig);
            Arrays.sort(small);
            http.calls(999, 8, i -> alias("custom", "mid", "custom", "mid-" + i));
            double thousand = http.timed(alias("user", "big", "custom", "mid"));
            System.out.printf(
                    Locale.ROOT,
                    "· merge a 3-identifier person into the %,d component: p50 %.1f ms (between two small persons "
                            + "%.1f ms); a 1,000-identifier person into it: %.0f ms%n",
                    component,
                    intoBig[10],
                    small[10],
                    thousand);

            Path home = Path.of(System.getProperty("attune.home", "."));
            Path febrl =
                    home.resolve("../shared/data/linkage/febrl_dataset2.csv").normalize();
            String linkage = "linkage_febrl2=skipped";
            if (Files.exists(febrl)) {
                linkage = linkage(server, febrl, febrl.resolveSibling("febrl_dataset2_true_links.csv"));
            } else {
                System.out.println("· linkage skipped: no " + febrl);
            }
            System.out.printf(
                    Locale.ROOT,
                    "identity: identify_per_s=%.0f identify_repeat_per_s=%.0f merge_into_10k_ms=%.1f merge_small_ms=%.1f "
                            + "merge_1k_into_10k_ms=%.0f component=%d %s%n",
                    identifyPerS,
                    repeatPerS,
                    intoBig[10],
                    small[10],
                    thousand,
                    component,
                    linkage);
        }
    }

    private static String identifyBody(String visitor) {
        return "{\"subjectId\":\"" + visitor + "\",\"userId\":\"user-of-" + visitor + "\",\"traits\":{\"email\":\""
                + visitor + "@bench.test\"}}";
    }

    private static String smallPerson(String visitor) {
        return "{\"subjectId\":\"" + visitor + "\",\"traits\":{\"email\":\"" + visitor
                + "@bench.test\",\"deviceId\":\"dev-" + visitor + "\"}}";
    }

    private static String alias(String kindA, String a, String kindB, String b) {
        return "{\"a\":{\"kind\":\"" + kindA + "\",\"value\":\"" + a + "\"},\"b\":{\"kind\":\"" + kindB
                + "\",\"value\":\"" + b + "\"}}";
    }

    /** febrl2 through the import API; precision/recall of the persons it produced. */
    private static String linkage(BenchServer server, Path febrl, Path truth) throws Exception {
        List<String> lines = Files.readAllLines(febrl, StandardCharsets.UTF_8);
        String[] header =
                Arrays.stream(lines.get(0).split(",")).map(String::strip).toArray(String[]::new);
        StringBuilder csv = new StringBuilder("id,given_name,surname,date_of_birth,street,postcode,city,state\n");
        List<String> ids = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",", -1);
            Map<String, String> f = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                f.put(header[i], v[i].strip());
            }
            ids.add(f.get("rec_id"));
            csv.append(String.join(
                            ",",
                            f.get("rec_id"),
                            f.get("given_name"),
                            f.get("surname"),
                            f.get("date_of_birth"),
                            (f.get("street_number") + " " + f.get("address_1")).strip(),
                            f.get("postcode"),
                            f.get("suburb"),
                            f.get("state")))
                    .append('\n');
        }
        String[] site = server.createSite();
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("admin:" + BenchServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long t = System.nanoTime();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/admin/identity/linkage/imports?site="
                                + site[0] + "&source=febrl&file=febrl_dataset2.csv"))
                        .header("Authorization", basic)
                        .header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(10))
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t) / 1e9;
        if (r.statusCode() != 201) {
            throw new IllegalStateException("import failed: " + r.statusCode() + " " + r.body());
        }
        JsonObject summary = Json.createReader(new StringReader(r.body())).readObject();
        Map<String, List<String>> byPerson = new HashMap<>();
        HttpResponse<String> resolved = client.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/admin/identity/linkage/imports/"
                                + summary.getString("id") + "/persons?site=" + site[0]))
                        .header("Authorization", basic)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        for (var c : Json.createReader(new StringReader(resolved.body()))
                .readObject()
                .getJsonArray("contacts")) {
            byPerson.computeIfAbsent(c.asJsonObject().getString("personId"), k -> new ArrayList<>())
                    .add(c.asJsonObject().getString("id"));
        }
        if (byPerson.values().stream().mapToInt(List::size).sum() != ids.size()) {
            throw new IllegalStateException("the import resolved " + byPerson.size()
                    + " persons for fewer contacts than the file's " + ids.size());
        }
        Set<String> predicted = new HashSet<>();
        for (List<String> members : byPerson.values()) {
            for (int i = 0; i < members.size(); i++) {
                for (int j = i + 1; j < members.size(); j++) {
                    predicted.add(pair(members.get(i), members.get(j)));
                }
            }
        }
        Set<String> truthPairs = new HashSet<>();
        for (String line : Files.readAllLines(truth, StandardCharsets.UTF_8)
                .subList(1, Files.readAllLines(truth).size())) {
            String[] p = line.split(",");
            truthPairs.add(pair(p[0].strip(), p[1].strip()));
        }
        long tp = predicted.stream().filter(truthPairs::contains).count();
        double precision = predicted.isEmpty() ? 0 : (double) tp / predicted.size();
        double recall = (double) tp / truthPairs.size();
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        System.out.printf(
                Locale.ROOT,
                "· febrl2 through the import API: %d records, %d candidate pairs, %d matches linked, %d to review, "
                        + "%d persons; %.1f s (server side %.1f s); persons' pairs vs true links: TP %d of %d predicted, %d true: P %.3f R %.3f F1 %.3f%n",
                summary.getInt("records"),
                summary.getInt("candidates"),
                summary.getInt("matches"),
                summary.getInt("review"),
                byPerson.size(),
                seconds,
                summary.getJsonNumber("seconds").doubleValue(),
                tp,
                predicted.size(),
                truthPairs.size(),
                precision,
                recall,
                f1);
        return String.format(
                Locale.ROOT,
                "linkage_febrl2_s=%.1f linkage_febrl2_precision=%.3f linkage_febrl2_recall=%.3f linkage_febrl2_f1=%.3f",
                seconds,
                precision,
                recall,
                f1);
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "," + b : b + "," + a;
    }

    /** Secret-key calls to one site. */
    private static final class Http {
        private final HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;
        private final String key;

        Http(String base, String key) {
            this.base = base;
            this.key = key;
        }

        private HttpRequest request(String path, String body) {
            return HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        void post(String path, String body) throws Exception {
            HttpResponse<String> r = client.send(request(path, body), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + " " + r.body());
            }
        }

        /** Milliseconds of one alias call. */
        double timed(String aliasBody) throws Exception {
            long t = System.nanoTime();
            post("/api/v1/alias", aliasBody);
            return (System.nanoTime() - t) / 1e6;
        }

        /** Calls per second of {@code n} calls ({@code i} → body; identify or alias by the body's shape). */
        double calls(int n, int inFlightMax, IntFunction<String> body) throws Exception {
            Semaphore inFlight = new Semaphore(inFlightMax);
            AtomicInteger failed = new AtomicInteger();
            List<CompletableFuture<?>> all = new ArrayList<>();
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String b = body.apply(i);
                inFlight.acquire();
                all.add(client.sendAsync(
                                request(b.startsWith("{\"a\"") ? "/api/v1/alias" : "/api/v1/identify", b),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> {
                            if (e != null || r.statusCode() != 200) {
                                failed.incrementAndGet();
                            }
                            inFlight.release();
                        }));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
            double perS = n / ((System.nanoTime() - t) / 1e9);
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " of " + n + " calls failed");
            }
            return perS;
        }
    }
}
