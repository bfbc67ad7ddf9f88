package dev.attune.launcher.demo;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The past four weeks of the demo shop, replayed through the public API at first start: each visitor's consent, their
 * sessions (page views, product views with dwell and scroll, clicks, carts, purchases, ratings, CSAT after a purchase,
 * NPS, free texts), and some signing in, a few on two devices. Traffic grows over the month and dips at weekends.
 */
final class DemoMonth {
    static final int DAYS = 28;

    private final DemoApi api;
    private final DemoShop shop;
    private final List<DemoVisitor> visitors;
    private final long seed;

    DemoMonth(DemoApi api, DemoShop shop, List<DemoVisitor> visitors, long seed) {
        this.api = api;
        this.shop = shop;
        this.visitors = visitors;
        this.seed = seed;
    }

    /** Consent of every visitor (most agree; those who decline are only counted anonymously). */
    void consent(ExecutorService pool) throws Exception {
        forEach(pool, visitors, v -> {
            boolean agrees = v.consents();
            api.sitePost(
                            "/api/v1/consent",
                            Json.createObjectBuilder()
                                    .add("subjectId", v.subjectId())
                                    .add(
                                            "purposes",
                                            Json.createObjectBuilder()
                                                    .add("analytics", agrees)
                                                    .add("personalization", agrees)
                                                    .add("experiments", agrees))
                                    .add("policyVersion", "demo-2026-11")
                                    .add("source", "demo")
                                    .build()
                                    .toString())
                    .expect("Recording demo consent", 200);
        });
    }

    /** Sends the month's events in time order; returns the sender with its counts. */
    DemoEvents events(Instant now) {
        List<JsonObject> events = new ArrayList<>();
        for (DemoVisitor v : visitors) {
            visit(v, now, events::add);
        }
        events.sort(Comparator.comparing(e -> e.getString("occurredAt")));
        DemoEvents out = new DemoEvents(api);
        events.forEach(out::add);
        out.flush();
        return out;
    }

    /** One visitor's sessions over the month. */
    private void visit(DemoVisitor v, Instant now, Consumer<JsonObject> out) {
        Random random = new Random(seed * 31 + v.n());
        int sessions = 1 + (int) Math.min(6, Math.floor(-Math.log(1 - random.nextDouble()) * 0.9 * v.activity()));
        boolean npsAnswered = false;
        for (int s = 0; s < sessions; s++) {
            Instant start = sessionStart(now, v, random);
            String session = "demo-" + v.n() + "-" + s;
            String name = v.n() + "|" + s + "|";
            int[] step = {0};
            Instant[] at = {start};
            Consumer<JsonObject> emit = e -> {
                out.accept(e);
                step[0]++;
            };
            Supplier<Instant> next = () -> at[0] = at[0].plusSeconds(15 + random.nextInt(120));
            emit.accept(DemoEvents.event(
                    name + step[0], "page_view", v, start, session, "/demo/", null, null, null, random.nextInt(7)));
            int views = 1 + random.nextInt(3);
            DemoShop.Item last = null;
            for (int i = 0; i < views; i++) {
                DemoShop.Item item = v.browse(shop, random);
                last = item;
                String page = "/demo/item/" + item.id();
                emit.accept(DemoEvents.event(
                        name + step[0], "click", v, next.get(), session, "/demo/", item, null, null, 0));
                emit.accept(DemoEvents.event(
                        name + step[0], "page_view", v, next.get(), session, page, item, null, null, 0));
                boolean liked = item.categories().contains(v.category());
                emit.accept(DemoEvents.event(
                        name + step[0],
                        "dwell",
                        v,
                        next.get(),
                        session,
                        page,
                        item,
                        (liked ? 40 : 12) + random.nextInt(liked ? 160 : 50),
                        null,
                        0));
                if (random.nextDouble() < 0.5) {
                    emit.accept(DemoEvents.event(
                            name + step[0],
                            "scroll_depth",
                            v,
                            next.get(),
                            session,
                            page,
                            item,
                            Math.min(100, 25 + random.nextInt(liked ? 90 : 50)),
                            null,
                            0));
                }
                if (random.nextDouble() < 0.2) {
                    emit.accept(DemoEvents.event(
                            name + step[0],
                            "rating",
                            v,
                            next.get(),
                            session,
                            page,
                            item,
                            v.rate(item, random),
                            null,
                            0));
                }
                if (random.nextDouble() < (liked ? 0.16 : 0.05)) {
                    emit.accept(DemoEvents.event(
                            name + step[0], "add_to_cart", v, next.get(), session, page, item, item.price(), null, 0));
                    if (random.nextDouble() < 0.45 + 0.1 * v.mood()) {
                        emit.accept(DemoEvents.event(
                                name + step[0],
                                "purchase",
                                v,
                                next.get(),
                                session,
                                "/demo/checkout",
                                item,
                                item.price(),
                                null,
                                0));
                        if (random.nextDouble() < 0.5) {
                            emit.accept(DemoEvents.event(
                                    name + step[0],
                                    "csat",
                                    v,
                                    next.get(),
                                    session,
                                    "/demo/checkout",
                                    null,
                                    v.csat(random),
                                    null,
                                    0));
                        }
                    }
                }
            }
            if (!npsAnswered && random.nextDouble() < 0.3) {
                npsAnswered = true;
                int nps = v.nps(random);
                emit.accept(
                        DemoEvents.event(name + step[0], "nps", v, next.get(), session, "/demo/", null, nps, null, 0));
                if (random.nextDouble() < 0.5) {
                    emit.accept(DemoEvents.event(
                            name + step[0],
                            "text",
                            v,
                            next.get(),
                            session,
                            "/demo/",
                            last,
                            null,
                            DemoTexts.about(last, (nps - 7.5) / 2 + random.nextGaussian() * 0.3, random),
                            0));
                }
            } else if (random.nextDouble() < 0.04) {
                emit.accept(DemoEvents.event(
                        name + step[0],
                        "text",
                        v,
                        next.get(),
                        session,
                        "/demo/",
                        last,
                        null,
                        DemoTexts.about(last, v.mood() + random.nextGaussian() * 0.5, random),
                        0));
            }
        }
    }

    /** A moment in the last four weeks (not the last hour): more recent days busier, weekends quieter, evenings busiest. */
    private static Instant sessionStart(Instant now, DemoVisitor v, Random random) {
        while (true) {
            int day = random.nextInt(DAYS);
            double growth = 0.55 + 0.45 * (DAYS - day) / DAYS;
            Instant midnight = now.truncatedTo(ChronoUnit.DAYS).minus(day, ChronoUnit.DAYS);
            DayOfWeek weekday = midnight.atZone(ZoneOffset.UTC).getDayOfWeek();
            double weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY ? 0.7 : 1;
            if (random.nextDouble() > growth * weekend) {
                continue;
            }
            int hour = (int) Math.round(Math.max(0, Math.min(23, 15 + random.nextGaussian() * 4.5)));
            Instant start = midnight.plus(hour, ChronoUnit.HOURS).plus(random.nextInt(60), ChronoUnit.MINUTES);
            if (start.isBefore(now.minus(Duration.ofHours(1)))) {
                return start;
            }
        }
    }

    /** Some visitors sign in; 60 customers use two devices (an even and an odd visitor), so identity merges them. */
    void identify(ExecutorService pool) throws Exception {
        List<DemoVisitor> signedIn = visitors.stream()
                .filter(v -> v.consents() && (v.n() % 7 == 1 || v.n() <= 120))
                .toList();
        forEach(pool, signedIn, v -> {
            int customer = v.n() <= 120 ? (v.n() + 1) / 2 : v.n();
            api.sitePost(
                            "/api/v1/identify",
                            Json.createObjectBuilder()
                                    .add("subjectId", v.subjectId())
                                    .add("userId", "customer-" + customer)
                                    .add(
                                            "traits",
                                            Json.createObjectBuilder()
                                                    .add("email", "customer" + customer + "@demo.attune.dev")
                                                    .add("deviceId", v.device().kind() + "-" + v.n()))
                                    .build()
                                    .toString())
                    .expect("Identifying a demo customer", 200);
        });
    }

    /** Runs the work on the pool (a few HTTP calls in flight), failing on the first error. */
    static <T> void forEach(ExecutorService pool, List<T> items, Consumer<T> work) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(pool.submit(() -> work.accept(item)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    static ExecutorService pool() {
        return Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "attune-demo");
            t.setDaemon(true);
            return t;
        });
    }
}
