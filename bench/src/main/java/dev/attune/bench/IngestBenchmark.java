package dev.attune.bench;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.NewFeedbackEvent;
import dev.attune.feedback.internal.persistence.JdbcEventStore;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Ingest throughput over HTTP, acknowledged after commit: batches (the measure, 100 events a request) and
 * single events, beside their physical limit in the same run: PostgreSQL COPY of the same rows, 1,000 per
 * transaction, into a table shaped like the event store. The load generator shares the machine with the server,
 * as the reference figures do. Every acknowledged event is checked to be stored exactly once.
 * Between the two, with the server stopped, the event store's own statement (exactly-once key, event row and outbox
 * row in one transaction) driven straight over JDBC: {@code store_ratio} is what the storage design allows beside
 * COPY, {@code http_to_store} what the server (HTTP, JSON, validation, consent, and the pipeline deriving profiles,
 * enrichments and rating counts from the same events in the same seconds) keeps of that.
 */
final class IngestBenchmark {
    private IngestBenchmark() {}

    static void run(Map<String, String> options) throws Exception {
        int events = Options.integer(options, "events", 20_000);
        int clients = Options.integer(options, "clients", 16);
        int batch = Options.integer(options, "batch", 100);
        int batchClients = Options.integer(options, "batch-clients", 4);
        int batchedEvents = Options.integer(options, "batched-events", 100_000);
        try (BenchServer server = BenchServer.start()) {
            String[] site = server.createSite();
            try (Connection c = server.database();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT current_setting('server_version'), current_setting('synchronous_commit'), "
                                    + "current_setting('fsync'), current_setting('shared_buffers')")) {
                rs.next();
                System.out.printf(
                        "· PostgreSQL %s: synchronous_commit=%s fsync=%s shared_buffers=%s%n",
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            // The JIT compiles the server's ingest path for about half a minute: measuring before that measures the
            // compiler, not the server (a production server runs for days).
            int warmupSeconds = Options.integer(options, "warmup-seconds", 30);
            System.out.printf("· Warming up (2,000 single events, then batches for %d s)%n", warmupSeconds);
            httpPhase(http, server.baseUrl(), site[1], 2_000, clients, 1, new Recorder(3));
            long expected = 2_000;
            long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            while (System.nanoTime() < warmupEnd) {
                httpPhase(http, server.baseUrl(), site[1], 10_000, batchClients, batch, new Recorder(3));
                expected += 10_000;
            }

            // every measured phase starts with the pipeline caught up (enrichment, profiles and rating counts lag a
            // saturating load; their backlog would otherwise take CPU from the next phase, or from COPY)
            CrashTest.requireOutboxDrained(server);
            System.out.printf(
                    "· HTTP batches: %,d events, %d per request, %d clients%n", batchedEvents, batch, batchClients);
            Recorder batchLatencies = new Recorder(3);
            server.resetStatementStatistics();
            String marker = BenchServer.dataFolder().toString();
            ProcessCpu.Sample cpuBefore = ProcessCpu.sample(marker);
            long start = System.nanoTime();
            httpPhase(http, server.baseUrl(), site[1], batchedEvents, batchClients, batch, batchLatencies);
            long acked = System.nanoTime();
            double batchedRate = batchedEvents / ((acked - start) / 1e9);
            // sustained: until the pipeline has derived everything from the events too (a burst whose derived work
            // drains after the acknowledgements does not count); the lag is what was still to derive at the last ack
            long lagAtEnd = CrashTest.outboxRows(server);
            CrashTest.requireOutboxDrained(server);
            double sustainedRate = batchedEvents / ((System.nanoTime() - start) / 1e9);
            ProcessCpu.Sample cpu = ProcessCpu.sample(marker).minus(cpuBefore);
            System.out.printf(
                    "· batched phase: acknowledged at %.0f/s, derived at %.0f/s (%,d events still to derive at the last ack); "
                            + "CPU %.1f s server, %.1f s PostgreSQL%n",
                    batchedRate, sustainedRate, lagAtEnd, cpu.serverSeconds(), cpu.databaseSeconds());
            server.printTopStatements(16);
            expected += batchedEvents;

            CrashTest.requireOutboxDrained(server);
            System.out.printf("· HTTP single events: %,d from %d clients%n", events, clients);
            Recorder singleLatencies = new Recorder(3);
            start = System.nanoTime();
            httpPhase(http, server.baseUrl(), site[1], events, clients, 1, singleLatencies);
            double singleRate = events / ((System.nanoTime() - start) / 1e9);
            expected += events;

            long stored = storedEvents(server, site[0]);
            if (stored != expected) {
                throw new IllegalStateException("acknowledged " + expected + " events but " + stored + " are stored");
            }
            WsBenchmark.Result ws =
                    "false".equals(options.get("ws")) ? null : WsBenchmark.measure(server, site[2], options);
            CrashTest.requireOutboxDrained(server);
            System.out.printf("· COPY: %,d rows, 1,000 per transaction%n", batchedEvents);
            double copyRate = batchedEvents / copyPhase(server, site[0], batchedEvents);
            // the server stopped, nothing else running: the event store's own statement (exactly-once key, event row,
            // outbox row, one transaction per batch) straight over JDBC, as the group-commit writers run it
            int storeBatch = Options.integer(options, "store-batch", 500);
            int storeThreads = Options.integer(options, "store-threads", 2);
            server.instance().stopServer();
            System.out.printf(
                    "· Event store statement over JDBC: %,d rows, %d per transaction, %d threads (server stopped)%n",
                    batchedEvents, storeBatch, storeThreads);
            double storeRate = batchedEvents / storePhase(server, site[0], batchedEvents, storeBatch, storeThreads);
            Histogram b = batchLatencies.getIntervalHistogram();
            Histogram s1 = singleLatencies.getIntervalHistogram();
            String wsPart = ws == null
                    ? ""
                    : String.format(
                            " ws_events_per_s=%.0f echo_msgs_per_s=%.0f ws_ratio=%.3f "
                                    + "ws_closed_p99_ms=%.1f ws_p50_ms=%.1f ws_p99_ms=%.1f ws_rate_per_s=%.0f ws_sockets=%d idle_sockets=%d "
                                    + "rss_idle_5s_mb=%d rss_idle_30s_mb=%d rss_idle_mb=%d",
                            ws.eventsPerSecond(),
                            ws.echoPerSecond(),
                            ws.ratio(),
                            ws.closedP99Ms(),
                            ws.ackP50Ms(),
                            ws.ackP99Ms(),
                            ws.rateAchieved(),
                            ws.latencySockets(),
                            ws.idleSockets(),
                            ws.rssIdle5sMb(),
                            ws.rssIdle30sMb(),
                            ws.rssIdleMb());
            System.out.printf(
                    "ingest: http_events_per_s=%.0f copy_rows_per_s=%.0f http_ratio=%.3f store_rows_per_s=%.0f "
                            + "store_ratio=%.3f http_to_store=%.3f http_sustained_per_s=%.0f sustained_to_store=%.3f lag_at_end=%d "
                            + "cpu_us_per_event_server=%.0f cpu_us_per_event_db=%.0f cpu_us_per_event=%.0f batch_p99_ms=%.1f "
                            + "http_single_events_per_s=%.0f single_p50_ms=%.1f single_p99_ms=%.1f stored_exactly=true "
                            + "batch=%d batch_clients=%d single_clients=%d odd_status=%d%s%n",
                    batchedRate,
                    copyRate,
                    batchedRate / copyRate,
                    storeRate,
                    storeRate / copyRate,
                    batchedRate / storeRate,
                    sustainedRate,
                    sustainedRate / storeRate,
                    lagAtEnd,
                    cpu.serverSeconds() * 1e6 / batchedEvents,
                    cpu.databaseSeconds() * 1e6 / batchedEvents,
                    (cpu.serverSeconds() + cpu.databaseSeconds()) * 1e6 / batchedEvents,
                    b.getValueAtPercentile(99) / 1000.0,
                    singleRate,
                    s1.getValueAtPercentile(50) / 1000.0,
                    s1.getValueAtPercentile(99) / 1000.0,
                    batch,
                    batchClients,
                    clients,
                    ODD_STATUS.get(),
                    wsPart);
        }
    }

    /** Single events answered 200 instead of 202 (see httpPhase). */
    private static final AtomicInteger ODD_STATUS = new AtomicInteger();

    private static void httpPhase(
            HttpClient http, String baseUrl, String secretKey, int events, int clients, int batch, Recorder latencies)
            throws Exception {
        URI uri = URI.create(baseUrl + "/api/v1/events");
        AtomicInteger next = new AtomicInteger();
        onThreads(clients, () -> {
            int taken;
            while ((taken = Math.min(batch, events - next.getAndAdd(batch))) > 0) {
                String body;
                String id = null;
                if (batch == 1) {
                    id = UUID.randomUUID().toString();
                    body = eventJson(id);
                } else {
                    StringBuilder sb = new StringBuilder("{\"events\":[");
                    for (int i = 0; i < taken; i++) {
                        sb.append(i == 0 ? "" : ",")
                                .append(eventJson(UUID.randomUUID().toString()));
                    }
                    body = sb.append("]}").toString();
                }
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + secretKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                latencies.recordValue((System.nanoTime() - t0) / 1_000);
                if (r.statusCode() != 202) {
                    // seen twice in about thirty runs (both after the batch phase, with a profiler attached): 200 with
                    // this event's own "accepted" answer. Counted and shown, not fatal: the stored count is checked
                    if (r.statusCode() == 200
                            && id != null
                            && r.body().contains("\"id\":\"" + id + "\"")
                            && r.body().contains("\"status\":\"accepted\"")) {
                        if (ODD_STATUS.incrementAndGet() <= 3) {
                            System.out.println("· answered 200 instead of 202 (its own id, accepted): " + r.body() + " "
                                    + r.headers().map());
                        }
                        continue;
                    }
                    throw new IllegalStateException("event refused: " + r.statusCode() + " " + r.body());
                }
                if (id != null && !r.body().contains("\"id\":\"" + id + "\"")) {
                    throw new IllegalStateException("event " + id + " answered with another event's id: " + r.body());
                }
            }
            return null;
        });
    }

    /** Runs the worker on that many threads at once and waits for all; the first failure is thrown. */
    private static void onThreads(int threads, Callable<?> worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A realistic rating: the same fields and sizes the COPY phase writes. */
    private static String eventJson(String id) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int item = r.nextInt(1_682);
        return "{\"id\":\"" + id + "\",\"type\":\"rating\",\"subjectId\":\"visitor-" + r.nextInt(200_000)
                + "\",\"itemId\":\"item-" + item + "\",\"value\":" + (1 + r.nextInt(5))
                + ",\"properties\":{\"page\":\"/items/" + item + "\",\"locale\":\"en-US\"}}";
    }

    private static long storedEvents(BenchServer server, String siteId) throws Exception {
        try (Connection c = server.database();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM feedback.event WHERE site_id = ?::uuid")) {
            ps.setString(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Seconds to store {@code rows} ratings like the COPY phase's through {@link JdbcEventStore#store}, the group-commit
     * writer's statement, from {@code threads} connections, {@code batch} per transaction.
     */
    private static double storePhase(BenchServer server, String siteId, int rows, int batch, int threads)
            throws Exception {
        UUID site = UUID.fromString(siteId);
        Instant now = Instant.now();
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        onThreads(threads, () -> {
            try (Connection c = server.database()) {
                c.setAutoCommit(false);
                int taken;
                while ((taken = Math.min(batch, rows - next.getAndAdd(batch))) > 0) {
                    List<JdbcEventStore.Candidate> candidates = new ArrayList<>(taken);
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    for (int i = 0; i < taken; i++) {
                        int item = r.nextInt(1_682);
                        candidates.add(new JdbcEventStore.Candidate(
                                site,
                                new NewFeedbackEvent(
                                        UUID.randomUUID(),
                                        EventType.RATING,
                                        "visitor-" + r.nextInt(200_000),
                                        "item-" + item,
                                        BigDecimal.valueOf(1 + r.nextInt(5)),
                                        null,
                                        now,
                                        "{\"page\":\"/items/" + item + "\",\"locale\":\"en-US\"}")));
                    }
                    int stored = JdbcEventStore.store(c, candidates).size();
                    c.commit();
                    if (stored != taken) {
                        throw new IllegalStateException("stored " + stored + " of " + taken + " new events");
                    }
                }
            }
            return null;
        });
        return (System.nanoTime() - start) / 1e9;
    }

    private static double copyPhase(BenchServer server, String siteId, int rows) throws Exception {
        try (Connection c = server.database()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS bench");
                s.execute("DROP TABLE IF EXISTS bench.copy_event");
                s.execute("CREATE TABLE bench.copy_event (LIKE feedback.event INCLUDING DEFAULTS INCLUDING INDEXES)");
            }
            c.setAutoCommit(false);
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            String now = Instant.now().toString();
            long start = System.nanoTime();
            for (int done = 0; done < rows; done += 1_000) {
                StringBuilder csv = new StringBuilder(200_000);
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = done; i < Math.min(rows, done + 1_000); i++) {
                    int item = r.nextInt(1_682);
                    csv.append(UUID.randomUUID())
                            .append(',')
                            .append(siteId)
                            .append(",rating,visitor-")
                            .append(r.nextInt(200_000))
                            .append(",item-")
                            .append(item)
                            .append(',')
                            .append(1 + r.nextInt(5))
                            .append(",,")
                            .append("\"{\"\"page\"\":\"\"/items/")
                            .append(item)
                            .append("\"\",\"\"locale\"\":\"\"en-US\"\"}\",")
                            .append(now)
                            .append('\n');
                }
                copy.copyIn(
                        "COPY bench.copy_event (event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at) "
                                + "FROM STDIN (FORMAT csv)",
                        new StringReader(csv.toString()));
                c.commit();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench.copy_event");
            }
            c.commit();
            return seconds;
        }
    }
}
