package dev.attune.launcher.demo;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Today's visitors, who meet the two experiments and the bandit slot. An experiment counts only what a unit does after
 * its assignment, so this part happens now rather than in the past month: each visitor asks for their variants
 * ({@code GET /api/v1/assignments}) and acts on them. The effects are real in the simulation: the invitation to rate
 * raises the rating rate from 20 % to 28 % (the results show it), free returns raise purchases from 6.5 % to 7.2 % (too
 * little to tell with this many visitors). On a product page each visitor gets the bandit slot's list
 * ({@code GET /api/v1/recommendations}) and clicks what matches their taste, which is what the arms are rewarded for.
 */
final class DemoToday {
    private final DemoApi api;
    private final DemoShop shop;
    private final long seed;
    final AtomicInteger events = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger anonymized = new AtomicInteger();
    final AtomicInteger assigned = new AtomicInteger();
    final AtomicInteger clicks = new AtomicInteger();

    DemoToday(DemoApi api, DemoShop shop, long seed) {
        this.api = api;
        this.shop = shop;
        this.seed = seed;
    }

    void run(ExecutorService pool, List<DemoVisitor> today) throws Exception {
        DemoMonth.forEach(pool, today, this::visit);
    }

    void visit(DemoVisitor v) {
        visit(v, "today-" + v.n());
    }

    /** One visit (named, so its event ids are stable), sent as one small batch once the visitor is done. */
    void visit(DemoVisitor v, String visit) {
        Random random = new Random(seed * 17 + visit.hashCode());
        String session = "demo-" + visit;
        String name = visit + "|";
        JsonObject variants = api.siteGet("/api/v1/assignments?subject=" + DemoApi.encode(v.subjectId()) + "&url="
                        + DemoApi.encode(api.baseUrl + "/demo/") + "&device="
                        + v.device().kind())
                .expect("Assigning a demo visitor", 200)
                .json();
        if (!variants.getJsonArray("counted").isEmpty()) {
            assigned.incrementAndGet();
        }
        JsonObject experiments = variants.getJsonObject("experiments");
        boolean invited = "invite".equals(experiments.getString(DemoSetup.TAGLINE_EXPERIMENT, ""));
        boolean freeReturns = "free-returns".equals(experiments.getString(DemoSetup.OFFER_EXPERIMENT, ""));
        List<JsonObject> out = new ArrayList<>();
        out.add(DemoEvents.event(
                name + out.size(), "page_view", v, null, session, "/demo/", null, null, null, random.nextInt(7)));
        if (random.nextDouble() < (invited ? 0.28 : 0.20)) {
            int ratings = 1 + (random.nextDouble() < (invited ? 0.5 : 0.3) ? 1 + random.nextInt(2) : 0);
            for (int r = 0; r < ratings; r++) {
                DemoShop.Item item = v.browse(shop, random);
                out.add(DemoEvents.event(
                        name + out.size(), "rating", v, null, session, "/demo/", item, v.rate(item, random), null, 0));
            }
        }
        DemoShop.Item item = v.browse(shop, random);
        String page = "/demo/item/" + item.id();
        out.add(DemoEvents.event(name + out.size(), "page_view", v, null, session, page, item, null, null, 0));
        // what the bandit shows depends on the server, so the click draws from its own numbers and goes last with an
        // id of its own: the rest of the visit stays the same, ids and all, whatever the recommender showed
        JsonObject click = banditClick(v, new Random(seed * 13 + visit.hashCode()), name + "click", session, page);
        if (random.nextDouble() < (freeReturns ? 0.072 : 0.065)) {
            out.add(DemoEvents.event(
                    name + out.size(), "purchase", v, null, session, "/demo/checkout", item, item.price(), null, 0));
            if (random.nextDouble() < 0.5) {
                out.add(DemoEvents.event(
                        name + out.size(), "csat", v, null, session, "/demo/checkout", null, v.csat(random), null, 0));
            }
        }
        if (random.nextDouble() < 0.12) {
            out.add(DemoEvents.event(
                    name + out.size(), "nps", v, null, session, "/demo/", null, v.nps(random), null, 0));
        }
        if (click != null) {
            out.add(click);
        }
        DemoEvents batch = new DemoEvents(api);
        out.forEach(batch::add);
        batch.flush();
        events.addAndGet(batch.accepted());
        duplicates.addAndGet(batch.duplicates());
        refused.addAndGet(batch.refused());
        anonymized.addAndGet(batch.anonymized());
    }

    /** The visitor sees the bandit's list and clicks an item of their favourite category often, another rarely. */
    private JsonObject banditClick(DemoVisitor v, Random random, String name, String session, String page) {
        var reply = api.siteGet("/api/v1/recommendations?slot=" + DemoSetup.BANDIT_SLOT + "&person="
                + DemoApi.encode(v.subjectId()) + "&n=4&device=" + v.device().kind());
        if (reply.status() != 200) {
            return null; // no model yet for this visitor: nothing shown, nothing to click
        }
        for (JsonObject listed : reply.json().getJsonArray("items").getValuesAs(JsonObject.class)) {
            DemoShop.Item item = shop.items().stream()
                    .filter(i -> i.id().equals(listed.getString("id")))
                    .findFirst()
                    .orElse(null);
            if (item == null) {
                continue;
            }
            if (random.nextDouble() < (item.categories().contains(v.category()) ? 0.18 : 0.03)) {
                clicks.incrementAndGet();
                return DemoEvents.event(name, "click", v, null, session, page, item, null, null, 0);
            }
        }
        return null;
    }
}
