package dev.attune.bench;

import dev.attune.personalization.api.stats.Results;
import dev.attune.personalization.api.stats.Sample;
import dev.attune.personalization.api.stats.Statistics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * {@code bench/run abtest-sim}: experiments simulated through the real APIs of a running Attune. Each run creates and
 * starts an experiment, assigns fresh units through {@code GET /api/v1/assignments}, sends each unit's conversion
 * (purchase) with its variant's true rate through {@code POST /api/v1/events}, waits until the results count every
 * conversion, reads the engine's verdict, and stops the experiment. A/A runs (no true effect) give the false-positive
 * rate, A/B runs (a known effect) the power, beside the power the design should have.
 */
final class AbTestSimulation {
    private AbTestSimulation() {}

    static void run(Map<String, String> options) throws Exception {
        int aaRuns = Options.integer(options, "aa-runs", 60);
        int abRuns = Options.integer(options, "ab-runs", 30);
        int units = Options.integer(options, "units", 4000);
        double base = Double.parseDouble(options.getOrDefault("base-rate", "0.10"));
        double lifted = Double.parseDouble(options.getOrDefault("treatment-rate", "0.13"));
        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            Simulator sim = new Simulator(server.baseUrl(), site[0], site[1]);
            Random random = new Random(20261123);
            int falsePositives = 0;
            long started = System.nanoTime();
            System.out.printf("· A/A: %d runs of %,d units, conversion %.2f in both arms%n", aaRuns, units, base);
            for (int r = 0; r < aaRuns; r++) {
                falsePositives += sim.run("aa-" + r, units, base, base, random)[0] < 0.05 ? 1 : 0;
            }
            int detected = 0;
            double effects = 0;
            System.out.printf("· A/B: %d runs of %,d units, conversion %.2f vs %.2f%n", abRuns, units, base, lifted);
            for (int r = 0; r < abRuns; r++) {
                double[] verdict = sim.run("ab-" + r, units, base, lifted, random);
                detected += verdict[0] < 0.05 && verdict[1] > 0 ? 1 : 0;
                effects += verdict[1];
            }
            // The engine tests the relative effect with the delta method: its power, not the absolute z-test's.
            long n = units / 2;
            var design = Statistics.effect(
                    Sample.proportion(base * n, n), Sample.proportion(lifted * n, n), Results.Difference.RELATIVE);
            double relative = design.estimate();
            double expected = Statistics.power(design, 0.05);
            double expectedAbsolute = Statistics.power(
                    lifted - base, (base * (1 - base) + lifted * (1 - lifted)) / 2, 0.05, units / 2, units / 2);
            System.out.printf(
                    "· %,d units assigned and converted through the API in %.0f s%n",
                    (long) (aaRuns + abRuns) * units, (System.nanoTime() - started) / 1e9);
            System.out.printf(
                    Locale.ROOT,
                    "· expected power of the engine's relative test %.3f (an absolute z-test would have %.3f)%n",
                    expected,
                    expectedAbsolute);
            System.out.printf(
                    Locale.ROOT,
                    "abtest-sim: aa_runs=%d false_positive_rate=%.3f nominal=0.050 ab_runs=%d power=%.3f "
                            + "expected_power=%.3f mean_relative_effect=%.3f true_relative_effect=%.3f units=%d base_rate=%.2f "
                            + "treatment_rate=%.2f%n",
                    aaRuns,
                    falsePositives / (double) aaRuns,
                    abRuns,
                    detected / (double) abRuns,
                    expected,
                    abRuns == 0 ? 0 : effects / abRuns,
                    relative,
                    units,
                    base,
                    lifted);
        }
    }

    private static final class Simulator {
        private final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final String base;
        private final String siteId;
        private final String secretKey;
        private final String admin = "Basic "
                + Base64.getEncoder()
                        .encodeToString(("admin:" + BenchServer.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

        Simulator(String base, String siteId, String secretKey) {
            this.base = base;
            this.siteId = siteId;
            this.secretKey = secretKey;
        }

        /** One experiment: the engine's two-sided p-value and relative effect of the treatment. */
        double[] run(String key, int units, double controlRate, double treatmentRate, Random random) throws Exception {
            JsonObject created = json(send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/experiments"))
                            .header("Authorization", admin)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("""
                            {"siteId":"%s","key":"%s","name":"Simulation %s","variants":[{"key":"control","weight":50},{"key":"treatment","weight":50}],
                             "metrics":[{"key":"purchases","kind":"conversion","eventType":"purchase","windowHours":24}]}""".formatted(siteId, key, key)))
                            .build(),
                    201));
            String id = created.getString("id");
            status(id, "running");
            List<CompletableFuture<String>> variants = new ArrayList<>();
            Semaphore inFlight = new Semaphore(16);
            for (int u = 0; u < units; u++) {
                inFlight.acquire();
                String unit = key + "-u" + u;
                variants.add(http.sendAsync(
                                HttpRequest.newBuilder(URI.create(base + "/api/v1/assignments?subject=" + unit))
                                        .header("Authorization", "Bearer " + secretKey)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> inFlight.release())
                        .thenApply(
                                r -> json(r.body()).getJsonObject("experiments").getString(key)));
            }
            List<String> events = new ArrayList<>();
            for (int u = 0; u < units; u++) {
                double rate = variants.get(u).join().equals("treatment") ? treatmentRate : controlRate;
                if (random.nextDouble() < rate) {
                    events.add("{\"type\":\"purchase\",\"subjectId\":\"" + key + "-u" + u
                            + "\",\"itemId\":\"sku\",\"value\":10}");
                }
            }
            for (int from = 0; from < events.size(); from += 500) {
                send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                                .header("Authorization", "Bearer " + secretKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":["
                                        + String.join(",", events.subList(from, Math.min(events.size(), from + 500)))
                                        + "]}"))
                                .build(),
                        202);
            }
            JsonObject results = null;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                results = json(send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/experiments/" + id + "/results"))
                                .header("Authorization", admin)
                                .GET()
                                .build(),
                        200));
                double converted = 0;
                for (var v : results.getJsonArray("metrics").getJsonObject(0).getJsonArray("values")) {
                    converted += v.asJsonObject().getJsonNumber("mean").doubleValue()
                            * v.asJsonObject().getJsonNumber("n").longValue();
                }
                if (Math.round(converted) >= events.size()) {
                    break;
                }
                Thread.sleep(200);
            }
            status(id, "stopped");
            StringBuilder line = new StringBuilder();
            for (var v : results.getJsonArray("metrics").getJsonObject(0).getJsonArray("values")) {
                JsonObject o = v.asJsonObject();
                line.append(String.format(
                        Locale.ROOT,
                        " %s %d/%d",
                        o.getString("variant"),
                        Math.round(o.getJsonNumber("mean").doubleValue()
                                * o.getJsonNumber("n").longValue()),
                        o.getJsonNumber("n").longValue()));
            }
            JsonObject c0 = results.getJsonArray("metrics")
                    .getJsonObject(0)
                    .getJsonArray("comparisons")
                    .getJsonObject(0);
            System.out.printf(
                    Locale.ROOT,
                    "·   %s:%s (sent %d) effect=%+.3f p=%.4f%n",
                    key,
                    line,
                    events.size(),
                    c0.getJsonNumber("relativeEffect").doubleValue(),
                    c0.getJsonNumber("pValue").doubleValue());
            JsonObject comparison = results.getJsonArray("metrics")
                    .getJsonObject(0)
                    .getJsonArray("comparisons")
                    .getJsonObject(0);
            return new double[] {
                comparison.getJsonNumber("pValue").doubleValue(),
                comparison.getJsonNumber("relativeEffect").doubleValue()
            };
        }

        private void status(String id, String status) throws Exception {
            send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/experiments/" + id + "/status"))
                            .header("Authorization", admin)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}"))
                            .build(),
                    200);
        }

        private String send(HttpRequest request, int expected) throws Exception {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(request.uri() + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }

        private static JsonObject json(String body) {
            return Json.createReader(new StringReader(body)).readObject();
        }
    }
}
