package dev.attune.launcher.demo;

import dev.attune.launcher.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The demo of {@code ./attune run --demo}, in two steps: {@link #load} makes the demo site and its set-up (quick, before
 * the launcher says Attune is up); {@link #replayAndTrickle} replays a simulated month at first start and then keeps a
 * live trickle going. Same seed, same visitors and event ids: a replay again stores nothing twice.
 */
public final class DemoData {
    static final long SEED = 20261207L;
    private static final String REPLAYED = "monthReplayedAt";

    /** How many visitors the month has, how many of them visit today, and how many unhappy ones open a socket. */
    public record Sizes(int visitors, int today, int detractors) {
        public static final Sizes DEMO = new Sizes(2500, 1500, 24);
    }

    /** What a replay sent and what came of it. */
    public record Replay(
            int accepted,
            int anonymized,
            int duplicates,
            int refused,
            int visitsToday,
            int assigned,
            int banditClicks,
            int detractors,
            int apologies,
            String phases) {}

    private final DemoApi api;
    private final DemoSetup setup;
    private final Sizes sizes;
    private String keysPublic;
    // the shop and its visitors as load() read and drew them; replay() and the trickle use the same
    private DemoShop shop;
    private List<DemoVisitor> visitors;

    public DemoData(String baseUrl, String adminUser, String adminPassword, Sizes sizes) {
        this.api = new DemoApi(baseUrl, adminUser, adminPassword);
        this.setup = new DemoSetup(api);
        this.sizes = sizes;
    }

    /** Creates the demo site on first use (keys kept in {@code keysFile}) and what is missing of its set-up; returns the keys. */
    public Properties load(Path keysFile) throws IOException {
        shop = DemoShop.read(api, SEED);
        visitors = DemoVisitor.population(shop, sizes.visitors(), SEED);
        Properties keys = new Properties();
        if (Files.exists(keysFile)) {
            try (var in = Files.newBufferedReader(keysFile)) {
                keys.load(in);
            }
        } else {
            keys = setup.createSite(shop.name());
            store(keysFile, keys);
        }
        api.useSecretKey(keys.getProperty("secretKey"));
        keysPublic = keys.getProperty("publicKey");
        setup.catalog(shop);
        // the first admin changes the generated password at the first sign-in: later starts keep what the demo made
        if (setup.adminAccepted()) {
            setup.configure(keys.getProperty("siteId"), shop);
        }
        keys.setProperty("sampleItem", shop.items().get(0).id());
        keys.setProperty(
                "sampleSubject",
                visitors.stream()
                        .filter(DemoVisitor::consents)
                        .findFirst()
                        .orElseThrow()
                        .subjectId());
        keys.setProperty("shopName", shop.name());
        return keys;
    }

    /** In the background: the month (first start only), then the trickle. Progress goes to standard output. */
    public Thread replayAndTrickle(Path keysFile, Properties keys) {
        Thread t = new Thread(
                () -> {
                    try {
                        if (keys.getProperty(REPLAYED) == null) {
                            long started = System.nanoTime();
                            System.out.println("· Demo: replaying a simulated month of " + keys.getProperty("shopName")
                                    + " (" + sizes.visitors() + " visitors)…");
                            Replay r = replay();
                            System.out.printf(
                                    "· Demo: %,d events of the past four weeks and today (and %,d counted anonymously), %,d visits today (%,d in experiments, %,d"
                                            + " clicks on the bandit's picks), %d detractors on an open page (%d apologies from the rule), in %d s (%s)%n",
                                    r.accepted(),
                                    r.anonymized(),
                                    r.visitsToday(),
                                    r.assigned(),
                                    r.banditClicks(),
                                    r.detractors(),
                                    r.apologies(),
                                    Duration.ofNanos(System.nanoTime() - started)
                                            .toSeconds(),
                                    r.phases());
                            keys.setProperty(REPLAYED, Instant.now().toString());
                            store(keysFile, keys);
                        }
                        new DemoTrickle(new DemoToday(api, shop, SEED), visitors, SEED ^ System.nanoTime()).start();
                        System.out.println(
                                "· Demo: a live trickle of visitors keeps the dashboard moving (a visit every few seconds)");
                    } catch (Exception e) {
                        System.out.println("  Demo month not replayed: " + e.getMessage());
                    }
                },
                "attune-demo");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The month, today's visits and the detractors' sockets, after {@link #load}; the same seed sends the same events. */
    public Replay replay() throws Exception {
        DemoToday today = new DemoToday(api, shop, SEED);
        ExecutorService pool = DemoMonth.pool();
        try {
            DemoMonth month = new DemoMonth(api, shop, visitors, SEED);
            StringBuilder phases = new StringBuilder();
            long t = System.nanoTime();
            month.consent(pool);
            t = lap(phases, "consent", t);
            // the month's batches go one after the other (in time order) while the sign-ins run beside them
            var monthEvents = CompletableFuture.supplyAsync(() -> month.events(Instant.now()));
            month.identify(pool);
            DemoEvents sent = monthEvents.get();
            t = lap(phases, "month and sign-ins", t);
            List<DemoVisitor> todays = visitors.subList(0, Math.min(sizes.today(), visitors.size()));
            today.run(pool, todays);
            t = lap(phases, "today", t);
            List<DemoVisitor> unhappy = visitors.stream()
                    .filter(DemoVisitor::consents)
                    .sorted((a, b) -> Double.compare(a.mood(), b.mood()))
                    .limit(sizes.detractors())
                    .toList();
            int[] scores = unhappy.stream()
                    .mapToInt(v -> Math.max(0, Math.min(6, (int) Math.round(5 + v.mood()))))
                    .toArray();
            int apologies = new DemoSockets(api, keysPublic).detractors(unhappy, scores);
            lap(phases, "sockets", t);
            return new Replay(
                    sent.accepted() + today.events.get(),
                    sent.anonymized() + today.anonymized.get(),
                    sent.duplicates() + today.duplicates.get(),
                    sent.refused() + today.refused.get(),
                    todays.size(),
                    today.assigned.get(),
                    today.clicks.get(),
                    unhappy.size(),
                    apologies,
                    phases.toString());
        } finally {
            pool.shutdown();
        }
    }

    private static long lap(StringBuilder phases, String phase, long since) {
        long now = System.nanoTime();
        phases.append(phases.length() == 0 ? "" : ", ")
                .append(phase)
                .append(' ')
                .append(Duration.ofNanos(now - since).toSeconds())
                .append(" s");
        return now;
    }

    private static void store(Path keysFile, Properties keys) throws IOException {
        Secrets.writeIfAbsent(keysFile, "");
        try (var out = Files.newBufferedWriter(keysFile)) {
            keys.store(out, "Keys of the demo site; the secret key is never shown by Attune again");
        }
    }
}
