package dev.attune.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * {@code bench/run loop [FOLDER] [--rate R] [--seconds T] [--people P]}: the feedback loop under load. The MovieLens
 * 100k catalog and ratings (from FOLDER, by default ../shared/data/movielens/ml-100k; a synthetic set of the same shape
 * when absent) are loaded through the public APIs, the models are refit (each model's fit time is printed), then
 * {@code --rate} rating events per second (default 1,000) arrive over HTTP for {@code --seconds} (default 30) while
 * {@code --people} (default 20) sampled people with an open widget socket rate an item of their current list over that
 * socket: the time from sending the rating to receiving their changed recommendations on the same socket is measured.
 * Then the same during a refit of the models under the same load. Summary: {@code loop: p50_ms=… p95_ms=… p99_ms=… max_ms=… samples=…
 * load_events_per_s=… refit_p99_ms=… refit_samples=… fit_ms_<model>=…}.
 */
final class LoopBenchmark {
    private LoopBenchmark() {}

    /** A sampled person's socket: their current list and the time of the rating awaiting a new one. */
    static final class Person implements WebSocket.Listener {
        final String subject;
        final StringBuilder partial = new StringBuilder();
        volatile List<String> items = List.of();
        final AtomicLong sentAt = new AtomicLong();
        volatile ConcurrentLinkedQueue<Double> latencies;
        static final AtomicLong errors = new AtomicLong();
        /** Every measured latency with when it ended (nanoTime, micros): the run over time. */
        static final ConcurrentLinkedQueue<long[]> timeline = new ConcurrentLinkedQueue<>();

        WebSocket socket;

        Person(String subject, ConcurrentLinkedQueue<Double> latencies) {
            this.subject = subject;
            this.latencies = latencies;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.contains("\"type\":\"error\"") || text.contains("\"type\":\"nack\"")) {
                    errors.incrementAndGet();
                    if (errors.get() <= 3) {
                        System.out.println("· " + subject + " got: " + text);
                    }
                }
                if (text.contains("\"type\":\"recommendations\"")) {
                    long now = System.nanoTime();
                    JsonObject m = Json.createReader(new StringReader(text)).readObject();
                    items = m.getJsonArray("items").stream()
                            .map(i -> i.asJsonObject().getString("id"))
                            .toList();
                    long sent = sentAt.getAndSet(0);
                    if (sent != 0) {
                        latencies.add((now - sent) / 1e6);
                        timeline.add(new long[] {now, (now - sent) / 1000});
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    static void run(List<String> arguments, Map<String, String> options) throws Exception {
        int rate = Options.integer(options, "rate", 1_000);
        int seconds = Options.integer(options, "seconds", 30);
        int people = Options.integer(options, "people", 20);
        int warmSeconds = Options.integer(options, "warmup", 5);
        Path home = Path.of(System.getProperty("attune.home", ".")).toAbsolutePath();
        Path data = arguments.isEmpty()
                ? home.resolve("../shared/data/movielens/ml-100k").normalize()
                : Path.of(arguments.get(0));
        boolean movielens = Files.isRegularFile(data.resolve("u.data")) && Files.isRegularFile(data.resolve("u.item"));
        System.out.println(
                movielens
                        ? "· MovieLens from " + data
                        : "· No MovieLens at " + data + ": a synthetic catalog and ratings of the same shape");
        List<String> itemsJson = new ArrayList<>();
        List<String> ratings = new ArrayList<>();
        int users;
        int itemCount;
        Random random = new Random(42);
        if (movielens) {
            String[] genres = Files.readAllLines(data.resolve("u.genre"), StandardCharsets.ISO_8859_1).stream()
                    .filter(l -> l.contains("|"))
                    .map(l -> l.substring(0, l.indexOf('|')))
                    .toArray(String[]::new);
            for (String line : Files.readAllLines(data.resolve("u.item"), StandardCharsets.ISO_8859_1)) {
                String[] f = line.split("\\|", -1);
                List<String> g = new ArrayList<>();
                for (int k = 0; k < genres.length && 5 + k < f.length; k++) {
                    if (f[5 + k].equals("1")) {
                        g.add("\"" + genres[k] + "\"");
                    }
                }
                itemsJson.add("{\"id\":\"" + f[0] + "\",\"title\":" + Json.createValue(f[1]) + ",\"categories\":["
                        + String.join(",", g) + "]}");
            }
            // the ratings' seven months are squeezed into the last 28 days (events older than 30 days are refused),
            // order kept
            List<String[]> rows = Files.readAllLines(data.resolve("u.data")).stream()
                    .map(l -> l.split("\t"))
                    .toList();
            long first =
                    rows.stream().mapToLong(f -> Long.parseLong(f[3])).min().orElse(0);
            long last = rows.stream().mapToLong(f -> Long.parseLong(f[3])).max().orElse(1);
            long now = Instant.now().getEpochSecond();
            for (String[] f : rows) {
                long at = now
                        - 28L * 86_400
                        + (Long.parseLong(f[3]) - first) * (27L * 86_400) / Math.max(1, last - first);
                ratings.add("{\"type\":\"rating\",\"subjectId\":\"u" + f[0] + "\",\"itemId\":\"" + f[1]
                        + "\",\"value\":" + f[2] + ",\"occurredAt\":\"" + Instant.ofEpochSecond(at) + "\"}");
            }
            users = 943;
            itemCount = itemsJson.size();
        } else {
            users = 943;
            itemCount = 1682;
            for (int i = 1; i <= itemCount; i++) {
                itemsJson.add(
                        "{\"id\":\"" + i + "\",\"title\":\"Item " + i + "\",\"categories\":[\"g" + (i % 19) + "\"]}");
            }
            for (int n = 0; n < 100_000; n++) {
                int u = 1 + random.nextInt(users);
                int item = 1
                        + (int) Math.min(
                                itemCount - 1,
                                Math.abs(random.nextGaussian() * itemCount / 4 + (u % 19) * 40) % itemCount);
                ratings.add("{\"type\":\"rating\",\"subjectId\":\"u" + u + "\",\"itemId\":\"" + item + "\",\"value\":"
                        + (1 + random.nextInt(5)) + "}");
            }
        }

        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            String base = server.baseUrl();
            HttpClient http = HttpClient.newHttpClient();
            BenchAdmin admin = new BenchAdmin(base);
            for (int from = 0; from < itemsJson.size(); from += 1000) {
                var r = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/items"))
                                .header("Authorization", "Bearer " + site[1])
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"items\":["
                                        + String.join(
                                                ",", itemsJson.subList(from, Math.min(itemsJson.size(), from + 1000)))
                                        + "]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("items: " + r.statusCode() + " " + r.body());
                }
            }
            List<String> bodies = new ArrayList<>();
            for (int from = 0; from < ratings.size(); from += 500) {
                bodies.add("{\"events\":["
                        + String.join(",", ratings.subList(from, Math.min(ratings.size(), from + 500))) + "]}");
            }
            long t0 = System.nanoTime();
            ProfilesBenchmark.send(http, base, site[1], bodies, 4);
            ProfilesBenchmark.awaitProfiles(server, UUID.fromString(site[0]), ratings.size());
            System.out.printf(
                    Locale.ROOT,
                    "· %,d ratings of %,d items loaded into profiles in %.1f s%n",
                    ratings.size(),
                    itemCount,
                    (System.nanoTime() - t0) / 1e9);
            JsonObject fit = admin.json("POST", "/api/v1/admin/recommendations/refit?site=" + site[0], "", 200);
            System.out.println("· models v" + fit.getInt("version") + " from " + fit.getInt("people") + " people, "
                    + fit.getInt("items") + " items, " + fit.getInt("interactions") + " interactions; fit ms "
                    + fit.getJsonObject("fitMillis"));

            ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
            List<Person> sampled = new ArrayList<>();
            URI ws = URI.create(base.replace("http://", "ws://") + "/ws/v1/collect?key=" + site[2]);
            for (int p = 0; p < people; p++) {
                Person person = new Person("u" + (1 + p * (users / people)), latencies);
                person.socket = http.newWebSocketBuilder()
                        .header("Origin", BenchServer.ORIGIN)
                        .buildAsync(ws, person)
                        .get(10, TimeUnit.SECONDS);
                person.socket
                        .sendText(
                                "{\"type\":\"hello\",\"subjectId\":\"" + person.subject + "\",\"url\":\""
                                        + BenchServer.ORIGIN + "/\",\"slots\":[\"home\"]}",
                                true)
                        .get(10, TimeUnit.SECONDS);
                sampled.add(person);
            }
            long waitUntil = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < waitUntil && sampled.stream().anyMatch(p -> p.items.isEmpty())) {
                Thread.sleep(50);
            }

            // the load: rate events per second in batches every 100 ms, from people other than the sampled, until
            // stopped
            AtomicLong loadSent = new AtomicLong();
            AtomicBoolean loading = new AtomicBoolean(true);
            Thread load = new Thread(
                    () -> {
                        Random r = new Random(7);
                        int perTick = Math.max(1, rate / 10);
                        long next = System.nanoTime();
                        while (loading.get()) {
                            StringBuilder batch = new StringBuilder("{\"events\":[");
                            for (int i = 0; i < perTick; i++) {
                                batch.append(i == 0 ? "" : ",")
                                        .append("{\"type\":\"rating\",\"subjectId\":\"u")
                                        .append(people + 1 + r.nextInt(users))
                                        .append("\",\"itemId\":\"")
                                        .append(1 + r.nextInt(itemCount))
                                        .append("\",\"value\":")
                                        .append(1 + r.nextInt(5))
                                        .append('}');
                            }
                            http.sendAsync(
                                    HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                                            .header("Authorization", "Bearer " + site[1])
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString(
                                                    batch.append("]}").toString()))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            loadSent.addAndGet(perTick);
                            next += 100_000_000L;
                            long sleep = next - System.nanoTime();
                            if (sleep > 0) {
                                try {
                                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        }
                    },
                    "loop-load");
            load.start();
            // warm-up (JIT, caches), not counted
            Random pick = new Random(11);
            int[] sent = {0};
            ConcurrentLinkedQueue<Double> warmUp = new ConcurrentLinkedQueue<>();
            sampled.forEach(p -> p.latencies = warmUp);
            long warmEnd = System.nanoTime() + warmSeconds * 1_000_000_000L;
            measure(sampled, pick, sent, () -> System.nanoTime() < warmEnd);
            Thread.sleep(500);
            sampled.forEach(p -> p.latencies = latencies);
            long started = System.nanoTime();
            long loadBefore = loadSent.get();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            measure(sampled, pick, sent, () -> System.nanoTime() < end);
            double elapsed = (System.nanoTime() - started) / 1e9;
            long loadDuringSteady = loadSent.get() - loadBefore;
            // then the same while the models are refit (a fit competes with serving for the two cores)
            ConcurrentLinkedQueue<Double> duringRefit = new ConcurrentLinkedQueue<>();
            Thread.sleep(1500);
            sampled.forEach(p -> p.latencies = duringRefit);
            long refitStart = System.nanoTime();
            CompletableFuture<JsonObject> refit = CompletableFuture.supplyAsync(() -> {
                try {
                    return admin.json("POST", "/api/v1/admin/recommendations/refit?site=" + site[0], "", 200);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            measure(sampled, pick, sent, () -> !refit.isDone());
            double refitSeconds = (System.nanoTime() - refitStart) / 1e9;
            loading.set(false);
            load.join();
            Thread.sleep(2000);
            double[] l =
                    latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] r = duringRefit.stream()
                    .mapToDouble(Double::doubleValue)
                    .sorted()
                    .toArray();
            long unanswered = sampled.stream().filter(p -> p.sentAt.get() != 0).count();
            sampled.forEach(p -> p.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
            System.out.printf(
                    Locale.ROOT,
                    "· %d ratings over sockets, %d changed lists received in %.0f s of steady load (%.0f events/s), %d during "
                            + "a %.1f s refit under the same load; %d still awaited at the end%n",
                    sent[0],
                    l.length,
                    elapsed,
                    loadDuringSteady / elapsed,
                    r.length,
                    refitSeconds,
                    unanswered);
            System.out.printf(
                    Locale.ROOT,
                    "· during the refit: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                    percentile(r, 50),
                    percentile(r, 95),
                    percentile(r, 99));
            // the steady phase in 5-second windows: where the slow ones were
            StringBuilder windows = new StringBuilder("· steady load by 5 s window (p50/p99 ms):");
            double worstWindow = 0;
            for (long from = started; from < started + seconds * 1_000_000_000L; from += 5_000_000_000L) {
                long a = from;
                double[] w = Person.timeline.stream()
                        .filter(x -> x[0] >= a && x[0] < a + 5_000_000_000L)
                        .mapToDouble(x -> x[1] / 1000.0)
                        .sorted()
                        .toArray();
                windows.append(String.format(Locale.ROOT, " %.0f/%.0f", percentile(w, 50), percentile(w, 99)));
                worstWindow = Math.max(worstWindow, w.length == 0 ? 0 : percentile(w, 99));
            }
            System.out.println(windows);
            System.out.printf(
                    Locale.ROOT,
                    "· warm-up (%d s, not counted): %d lists, p99 %.1f ms%n",
                    warmSeconds,
                    warmUp.size(),
                    percentile(
                            warmUp.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .sorted()
                                    .toArray(),
                            99));
            StringBuilder fits = new StringBuilder();
            fit.getJsonObject("fitMillis")
                    .forEach((k, v) ->
                            fits.append(" fit_ms_").append(k).append('=').append(v));
            System.out.printf(
                    Locale.ROOT,
                    "loop: p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f worst_window_p99_ms=%.1f max_ms=%.1f samples=%d "
                            + "load_events_per_s=%.0f refit_p99_ms=%.1f refit_samples=%d%s%n",
                    percentile(l, 50),
                    percentile(l, 95),
                    percentile(l, 99),
                    worstWindow,
                    l.length == 0 ? Double.NaN : l[l.length - 1],
                    l.length,
                    loadDuringSteady / elapsed,
                    percentile(r, 99),
                    r.length,
                    fits);
        }
    }

    /** The sampled people rate, one every 50 ms in turn, a 5 for one of the first items of their current list, while {@code go}. */
    private static void measure(List<Person> sampled, Random pick, int[] sent, BooleanSupplier go)
            throws InterruptedException {
        int turn = 0;
        while (go.getAsBoolean()) {
            Person p = sampled.get(turn++ % sampled.size());
            if (p.sentAt.get() == 0 && !p.items.isEmpty()) {
                String item = p.items.get(pick.nextInt(Math.min(3, p.items.size())));
                p.sentAt.set(System.nanoTime());
                p.socket.sendText(
                        "{\"type\":\"events\",\"events\":[{\"id\":\"" + UUID.randomUUID()
                                + "\",\"type\":\"rating\",\"subjectId\":\"" + p.subject + "\",\"itemId\":\"" + item
                                + "\",\"value\":5}]}",
                        true);
                sent[0]++;
            }
            Thread.sleep(50);
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
