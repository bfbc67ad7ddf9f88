package dev.attune.bench;

import dev.attune.bench.echo.EchoEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The widget's channel, measured three ways on one server: single events through {@code /ws/v1/collect} in a closed
 * loop beside a bare echo endpoint (same sockets, same message sizes: the framework's floor); acknowledgement latency
 * at a fixed rate spread over many open sockets; and the server's resident memory holding many idle sockets.
 */
final class WsBenchmark {
    private WsBenchmark() {}

    record Result(
            double eventsPerSecond,
            double echoPerSecond,
            double ackP50Ms,
            double ackP99Ms,
            double closedP99Ms,
            double rateAchieved,
            int latencySockets,
            int idleSockets,
            long rssBeforeMb,
            long rssIdle5sMb,
            long rssIdle30sMb,
            long rssIdleMb) {
        double ratio() {
            return eventsPerSecond / echoPerSecond;
        }
    }

    static void run(Map<String, String> options) throws Exception {
        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            Result r = measure(server, site[2], options);
            System.out.printf(
                    "ws: ws_events_per_s=%.0f echo_msgs_per_s=%.0f ws_ratio=%.3f ws_closed_p99_ms=%.1f ws_p50_ms=%.1f "
                            + "ws_p99_ms=%.1f rate_per_s=%.0f sockets=%d idle_sockets=%d rss_before_mb=%d rss_idle_5s_mb=%d rss_idle_30s_mb=%d rss_idle_mb=%d%n",
                    r.eventsPerSecond(),
                    r.echoPerSecond(),
                    r.ratio(),
                    r.closedP99Ms(),
                    r.ackP50Ms(),
                    r.ackP99Ms(),
                    r.rateAchieved(),
                    r.latencySockets(),
                    r.idleSockets(),
                    r.rssBeforeMb(),
                    r.rssIdle5sMb(),
                    r.rssIdle30sMb(),
                    r.rssIdleMb());
        }
    }

    static Result measure(BenchServer server, String publicKey, Map<String, String> options) throws Exception {
        int clients = Options.integer(options, "ws-clients", 32);
        int seconds = Options.integer(options, "ws-seconds", 10);
        int sockets = Options.integer(options, "ws-sockets", 2000);
        int rate = Options.integer(options, "ws-rate", 1000);
        int idle = Options.integer(options, "ws-idle", 5000);
        int warmup = Options.integer(options, "ws-warmup", 30);
        String ws = server.baseUrl().replaceFirst("^http", "ws");
        URI collect = URI.create(ws + "/ws/v1/collect?key=" + publicKey);
        URI echo = URI.create(ws + "/bench-echo/echo");
        deployEcho(server);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            System.out.printf(
                    "· WebSocket closed loop, %d sockets, %d s each: echo, Attune, echo (after %d s of each unmeasured)%n",
                    clients, seconds, Math.max(5, warmup));
            closedLoop(http, echo, clients, Math.max(5, warmup), false, new Recorder(3)); // warm-up
            closedLoop(
                    http, collect, clients, Math.max(5, warmup), true, new Recorder(3)); // warm-up (the JIT, see below)
            // each measured phase starts with the pipeline caught up: a backlog left by the phase before (enrichment,
            // profiles, rating counts lag a saturated closed loop) would otherwise take CPU from the next phase
            CrashTest.requireOutboxDrained(server);
            double echo1 = closedLoop(http, echo, clients, seconds, false, new Recorder(3));
            Recorder closed = new Recorder(3);
            double events = closedLoop(http, collect, clients, seconds, true, closed);
            CrashTest.requireOutboxDrained(server);
            double echo2 = closedLoop(http, echo, clients, seconds, false, new Recorder(3));
            double echoRate = (echo1 + echo2) / 2;

            // the closed loop left a backlog for enrichment and profiles: the rate phase measures 1,000 events/s in
            // steady state, not the tail of a saturation test
            System.out.println("· Waiting for the pipeline to catch up (outbox empty)");
            CrashTest.requireOutboxDrained(server);
            long rssBefore = rssMb(server);
            System.out.printf(
                    "· Acknowledgement latency: %,d events/s over %,d open sockets for %d s%n",
                    rate, sockets, seconds * 2);
            List<Socket> open = connect(http, collect, sockets, true);
            if (warmup > 0) {
                // the same load unmeasured first: until the JIT has compiled this path its compiler takes half the CPU
                System.out.printf("·   warm-up, %d s (not measured)%n", warmup);
                openLoop(open, rate, warmup, new Recorder(3));
                System.out.println("·   measured:");
            }
            Recorder latencies = new Recorder(3);
            double achieved = openLoop(open, rate, seconds * 2, latencies);
            System.out.printf("· Idle: %,d open sockets%n", idle);
            open.addAll(connect(http, collect, Math.max(0, idle - open.size()), true));
            // resident memory while the sockets stay open and idle, every 5 s for 75 s: whether the server settles, and
            // where (rss_idle_5s_mb, rss_idle_30s_mb, and rss_idle_mb at 75 s: a server quiet for 30 s after a burst
            // runs one collection and gives heap back, IdleHeapReturn)
            List<Long> rss = new ArrayList<>();
            for (int second = 5; second <= 75; second += 5) {
                Thread.sleep(5_000);
                rss.add(rssMb(server));
            }
            System.out.printf("· Resident memory with the sockets idle, every 5 s: %s MB%n", rss);
            long rssIdle5s = rss.get(0);
            long rssIdle30s = rss.get(5);
            long rssIdle = rss.get(rss.size() - 1);
            int held =
                    (int) open.stream().filter(s -> !s.socket().isInputClosed()).count();
            open.forEach(s -> s.socket().abort());
            Histogram l = latencies.getIntervalHistogram();
            return new Result(
                    events,
                    echoRate,
                    l.getValueAtPercentile(50) / 1000.0,
                    l.getValueAtPercentile(99) / 1000.0,
                    closed.getIntervalHistogram().getValueAtPercentile(99) / 1000.0,
                    achieved,
                    sockets,
                    held,
                    rssBefore,
                    rssIdle5s,
                    rssIdle30s,
                    rssIdle);
        } finally {
            server.instance().domain().undeployQuietly("bench-echo");
        }
    }

    /** A WAR holding only the echo endpoint, deployed at /bench-echo. */
    private static void deployEcho(BenchServer server) throws Exception {
        Path war = Files.createTempDirectory("attune-bench").resolve("bench-echo.war");
        String entry = EchoEndpoint.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(war);
                ZipOutputStream zip = new ZipOutputStream(out);
                InputStream clazz = EchoEndpoint.class.getClassLoader().getResourceAsStream(entry)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + entry));
            clazz.transferTo(zip);
            zip.closeEntry();
        }
        server.instance().domain().deploy(war, "bench-echo");
    }

    /** A rating by the socket's visitor (a widget socket is one visitor's), about a random item. */
    private static String event(String subject) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int item = r.nextInt(1_682);
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"rating\",\"subjectId\":\"" + subject
                + "\",\"itemId\":\"item-" + item + "\",\"value\":" + (1 + r.nextInt(5))
                + ",\"properties\":{\"page\":\"/items/"
                + item + "\",\"locale\":\"en-US\"}}";
    }

    private static String message(String ref, String subject) {
        return "{\"type\":\"events\",\"ref\":\"" + ref + "\",\"events\":[" + event(subject) + "]}";
    }

    /** One open socket and what it waits for: ref → send time (nanos). */
    record Socket(WebSocket socket, Map<String, Long> waiting, Sender sender) {}

    /**
     * Sends one message after another on a socket: the JDK client refuses a send while the previous one has not
     * completed, which an answer can overtake.
     */
    static final class Sender {
        private CompletableFuture<WebSocket> last;

        Sender(WebSocket socket) {
            last = CompletableFuture.completedFuture(socket);
        }

        synchronized void send(String text) {
            last = last.thenCompose(w -> w.sendText(text, true));
        }
    }

    /** A listener that hands each whole text message to a handler and keeps reading. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final Consumer<String> handler;

        Listener(Consumer<String> handler) {
            this.handler = handler;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    handler.accept(text);
                } catch (RuntimeException e) {
                    problem("the answer " + abbreviate(text) + " failed: " + e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            problem("the server closed a socket: " + statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            problem("a socket failed: " + error);
        }
    }

    /** What went wrong on the sockets (a stalled loop prints the first of them, not only "stalled"). */
    private static final List<String> PROBLEMS = Collections.synchronizedList(new ArrayList<>());

    private static void problem(String what) {
        if (PROBLEMS.size() < 20) {
            PROBLEMS.add(what);
            System.err.println("· " + what);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static String ref(String text) {
        int at = text.indexOf("\"ref\":\"");
        if (at < 0) {
            return null;
        }
        int end = text.indexOf('"', at + 7);
        return text.substring(at + 7, end);
    }

    /** Each socket sends, waits for the answer (ack or echo), sends again; messages per second over all. */
    private static double closedLoop(
            HttpClient http, URI uri, int clients, int seconds, boolean attune, Recorder latencies) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch finished = new CountDownLatch(clients);
        List<WebSocket> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            String subject = "ws-visitor-" + UUID.randomUUID();
            long[] sentAt = new long[1];
            int[] n = new int[1];
            WebSocket[] self = new WebSocket[1];
            Sender[] sender = new Sender[1];
            CompletableFuture<Void> ready = new CompletableFuture<>();
            Listener listener = new Listener(text -> {
                if (text.contains("\"type\":\"ready\"")) {
                    ready.complete(null);
                    return;
                }
                if (attune && !text.contains("\"type\":\"ack\"")) {
                    if (!text.contains("\"ref\":")) {
                        return; // a push (recommendations, a survey), not the answer this socket waits for
                    }
                    problem("not acknowledged: " + abbreviate(text)); // the loop goes on: counted, not stalled
                }
                latencies.recordValue((System.nanoTime() - sentAt[0]) / 1_000);
                done.incrementAndGet();
                if (System.nanoTime() < end) {
                    sentAt[0] = System.nanoTime();
                    sender[0].send(message("c" + n[0]++, subject));
                } else {
                    finished.countDown();
                }
            });
            self[0] = http.newWebSocketBuilder()
                    .header("Origin", BenchServer.ORIGIN)
                    .buildAsync(uri, listener)
                    .join();
            sender[0] = new Sender(self[0]);
            all.add(self[0]);
            if (attune) {
                ready.get(10, TimeUnit.SECONDS);
            }
            sentAt[0] = System.nanoTime();
            sender[0].send(message("c" + n[0]++, subject));
        }
        if (!finished.await(seconds + 60L, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the closed loop on " + uri + " stalled: " + finished.getCount() + " of "
                    + clients + " sockets still wait for an answer; seen: " + PROBLEMS);
        }
        double rate = done.get() / ((System.nanoTime() - start) / 1e9);
        all.forEach(WebSocket::abort);
        return rate;
    }

    /** Opens sockets, 100 handshakes at a time; each waits for Attune's "ready". */
    private static List<Socket> connect(HttpClient http, URI uri, int count, boolean attune) throws Exception {
        List<Socket> sockets = new ArrayList<>(count);
        Recorder ignored = new Recorder(3);
        for (int from = 0; from < count; from += 100) {
            List<CompletableFuture<Socket>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 100); i++) {
                Map<String, Long> waiting = new ConcurrentHashMap<>();
                CompletableFuture<Void> ready = new CompletableFuture<>();
                Listener listener = new Listener(text -> {
                    if (text.contains("\"type\":\"ready\"")) {
                        ready.complete(null);
                        return;
                    }
                    String ref = ref(text);
                    Long sent = ref == null ? null : waiting.remove(ref);
                    if (sent != null) {
                        long micros = (System.nanoTime() - sent) / 1_000;
                        LATENCIES.get().recordValue(micros);
                        WINDOW.recordValue(micros);
                    }
                });
                batch.add(http.newWebSocketBuilder()
                        .header("Origin", BenchServer.ORIGIN)
                        .buildAsync(uri, listener)
                        .thenCombine(
                                attune ? ready : CompletableFuture.completedFuture(null),
                                (s, r) -> new Socket(s, waiting, new Sender(s))));
            }
            for (CompletableFuture<Socket> f : batch) {
                sockets.add(f.get(60, TimeUnit.SECONDS));
            }
        }
        return sockets;
    }

    /** Where open-loop acknowledgements are recorded (one measurement at a time). */
    private static final AtomicReference<Recorder> LATENCIES = new AtomicReference<>(new Recorder(3));

    /** Sends {@code rate} events a second, round robin over the sockets, for the given time; the rate achieved. */
    /** The latencies of the current 5-second window of the open loop (printed per window, to show when they happen). */
    private static final Recorder WINDOW = new Recorder(3);

    private static double openLoop(List<Socket> sockets, int rate, int seconds, Recorder latencies) throws Exception {
        LATENCIES.set(latencies);
        WINDOW.reset();
        ScheduledExecutorService windows = Executors.newSingleThreadScheduledExecutor();
        long began = System.nanoTime();
        windows.scheduleAtFixedRate(
                () -> {
                    Histogram w = WINDOW.getIntervalHistogram();
                    System.out.printf(
                            "·   %2d s: %,d acks, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                            (System.nanoTime() - began) / 1_000_000_000L,
                            w.getTotalCount(),
                            w.getValueAtPercentile(50) / 1000.0,
                            w.getValueAtPercentile(99) / 1000.0,
                            w.getMaxValue() / 1000.0);
                },
                5,
                5,
                TimeUnit.SECONDS);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicLong sent = new AtomicLong();
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(1);
        ticker.scheduleAtFixedRate(
                () -> {
                    long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
                    while (sent.get() < due) {
                        long n = sent.getAndIncrement();
                        int index = (int) (n % sockets.size());
                        Socket s = sockets.get(index);
                        String ref = "o" + n;
                        s.waiting().put(ref, System.nanoTime());
                        s.sender().send(message(ref, "ws-visitor-" + index));
                    }
                    if (sent.get() >= total) {
                        done.countDown();
                    }
                },
                0,
                1,
                TimeUnit.MILLISECONDS);
        done.await(seconds + 30L, TimeUnit.SECONDS);
        double achieved = sent.get() / ((System.nanoTime() - start) / 1e9);
        ticker.shutdownNow();
        windows.shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sockets.stream().anyMatch(s -> !s.waiting().isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long unanswered = sockets.stream().mapToLong(s -> s.waiting().size()).sum();
        if (unanswered > 0) {
            System.out.printf("· %d events were not acknowledged within 10 s%n", unanswered);
        }
        return achieved;
    }

    /** Resident memory of the Payara server process, from /proc. */
    private static long rssMb(BenchServer server) throws IOException {
        long pid = server.instance().domain().pid();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
            }
        }
        return -1;
    }
}
