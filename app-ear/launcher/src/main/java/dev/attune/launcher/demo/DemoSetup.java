package dev.attune.launcher.demo;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.Properties;

/**
 * The demo site and what a product manager would have set up on it: the catalog, segments, an NPS survey, two
 * experiments, a rule and a bandit slot, all through the admin API. Each is made only when missing, so a later start
 * keeps what the user changed.
 */
final class DemoSetup {
    static final String TAGLINE_EXPERIMENT = "hero-copy";
    static final String OFFER_EXPERIMENT = "checkout-offer";
    static final String BANDIT_SLOT = "also";

    private final DemoApi api;

    DemoSetup(DemoApi api) {
        this.api = api;
    }

    /** The demo site's keys: created now, written by the caller, since the secret key is never shown again. */
    Properties createSite(String name) {
        String body = Json.createObjectBuilder()
                .add("name", name)
                .add("consentMode", "explicit")
                .add(
                        "allowedOrigins",
                        Json.createArrayBuilder().add(api.baseUrl).add(api.baseUrl.replace("127.0.0.1", "localhost")))
                .build()
                .toString();
        var site = api.adminPost("/api/v1/admin/sites", body)
                .expect("Creating the demo site", 201)
                .json();
        Properties keys = new Properties();
        keys.setProperty("siteId", site.getString("id"));
        keys.setProperty("publicKey", site.getString("publicKey"));
        keys.setProperty("secretKey", site.getString("secretKey"));
        return keys;
    }

    boolean adminAccepted() {
        return api.adminGet("/api/v1/admin/sites").status() == 200;
    }

    /** The shop's products with their categories and prices, so content-based picks and purchase amounts make sense. */
    void catalog(DemoShop shop) {
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (DemoShop.Item i : shop.items()) {
            JsonArrayBuilder categories = Json.createArrayBuilder();
            i.categories().forEach(categories::add);
            items.add(Json.createObjectBuilder()
                    .add("id", i.id())
                    .add("title", i.title())
                    .add("categories", categories)
                    .add("price", i.price())
                    .add("available", true)
                    .add("url", "/demo/item/" + i.id()));
        }
        api.sitePut(
                        "/api/v1/items",
                        Json.createObjectBuilder().add("items", items).build().toString())
                .expect("Sending the demo catalog", 200);
    }

    void configure(String siteId, DemoShop shop) {
        segment(
                siteId,
                "enthusiasts",
                "Keen raters",
                "Rated three " + shop.plural() + " or more",
                "{\"field\":\"ratings\",\"op\":\">=\",\"value\":3}");
        segment(
                siteId,
                "detractors",
                "Detractors",
                "Their latest NPS answer was 0 to 6",
                "{\"field\":\"npsClass\",\"op\":\"=\",\"value\":\"detractor\"}");
        segment(
                siteId,
                "cart-abandoners",
                "Cart abandoners",
                "Added to the cart this week and bought nothing",
                "{\"all\":[{\"events\":{\"type\":\"add_to_cart\",\"withinHours\":168},\"op\":\">=\",\"value\":1},"
                        + "{\"events\":{\"type\":\"purchase\",\"withinHours\":168},\"op\":\"=\",\"value\":0}]}");
        survey(siteId, shop);
        taglineExperiment(siteId, shop);
        offerExperiment(siteId);
        rule(siteId);
        api.adminPut(
                        "/api/v1/admin/recommendations/slots/" + BANDIT_SLOT + "?site=" + siteId,
                        "{\"strategy\":\"bandit\",\"arms\":[\"hybrid\",\"popular\",\"content\"],\"size\":4,\"title\":\"Customers also liked\"}")
                .expect("Configuring the demo's bandit slot", 200);
    }

    private boolean exists(String listPath, String field, String value) {
        var list = api.adminGet(listPath);
        return list.status() == 200 && list.body().contains("\"" + field + "\":\"" + value + "\"");
    }

    private void segment(String siteId, String key, String name, String description, String rule) {
        if (exists("/api/v1/admin/segments?site=" + siteId, "key", key)) {
            return;
        }
        api.adminPost("/api/v1/admin/segments", """
                {"siteId":"%s","key":"%s","name":"%s","description":"%s","rule":%s}""".formatted(siteId, key, name, description, rule))
                .expect("Creating the demo segment " + key, 201);
    }

    static final String SURVEY_NAME = "Demo NPS";

    /** An NPS survey on the demo shop after 8 seconds on a page, once per visitor, with a follow-up by score. */
    private void survey(String siteId, DemoShop shop) {
        if (exists("/api/v1/admin/surveys?site=" + siteId, "name", SURVEY_NAME)) {
            return;
        }
        String definition = """
                {"questions":[
                  {"id":"nps","type":"nps","text":"How likely are you to recommend %s to a friend?",
                   "branches":[{"max":6,"goto":"improve"},{"min":9,"goto":"love"}],"next":"end"},
                  {"id":"improve","type":"text","text":"What should we do better?","next":"end"},
                  {"id":"love","type":"single_choice","text":"What do you like most?",
                   "options":["The %s","The recommendations","The prices"]}],
                 "targeting":{"urlPattern":"/demo*"},
                 "trigger":{"type":"time_on_page","seconds":8},
                 "frequency":{"maxDisplays":1},
                 "thankYou":"Thank you, that helps us a lot!"}""".formatted(shop.name(), shop.plural());
        String id = api.adminPost("/api/v1/admin/surveys", """
                {"siteId":"%s","name":"%s","definition":%s}""".formatted(siteId, SURVEY_NAME, definition))
                .expect("Creating the demo survey", 201)
                .json()
                .getString("id");
        api.adminPost("/api/v1/admin/surveys/" + id + "/status", "{\"status\":\"active\"}")
                .expect("Activating the demo survey", 200);
    }

    /** Does an invitation to rate make visitors rate more? (It does: the simulated visitors follow it.) */
    private void taglineExperiment(String siteId, DemoShop shop) {
        experiment(siteId, TAGLINE_EXPERIMENT, """
                {"siteId":"%s","key":"%s","name":"Tagline that invites rating",
                 "hypothesis":"Asking visitors to rate three %s makes more of them rate, without hurting NPS",
                 "variants":[{"key":"control","weight":50,"payload":{"text":"%s"}},
                             {"key":"invite","weight":50,"payload":{"text":"Rate three %s and watch your picks change."}}],
                 "targeting":{"urlPatterns":["/demo*"]},
                 "metrics":[{"key":"rated","kind":"conversion","eventType":"rating","windowHours":24},
                            {"key":"ratings","kind":"sum","eventType":"rating","windowHours":24},
                            {"key":"nps","kind":"nps","eventType":"nps","windowHours":168,"guardrail":true}]}""".formatted(
                        siteId, TAGLINE_EXPERIMENT, shop.plural(), shop.tagline(), shop.plural()));
    }

    /** Do free returns sell more than free delivery alone? (A little: too little to tell in a month.) */
    private void offerExperiment(String siteId) {
        experiment(siteId, OFFER_EXPERIMENT, """
                {"siteId":"%s","key":"%s","name":"Free returns beside free delivery",
                 "hypothesis":"Offering 60-day free returns makes more visitors buy",
                 "variants":[{"key":"control","weight":50,"payload":{"text":"Free delivery on every order."}},
                             {"key":"free-returns","weight":50,"payload":{"text":"Free delivery and 60-day free returns."}}],
                 "targeting":{"urlPatterns":["/demo*"]},
                 "metrics":[{"key":"purchased","kind":"conversion","eventType":"purchase","windowHours":24},
                            {"key":"revenue","kind":"sum","eventType":"purchase","windowHours":24},
                            {"key":"csat","kind":"mean","eventType":"csat","windowHours":168,"guardrail":true}]}""".formatted(siteId, OFFER_EXPERIMENT));
    }

    private void experiment(String siteId, String key, String body) {
        if (exists("/api/v1/admin/experiments?site=" + siteId, "key", key)) {
            return;
        }
        String id = api.adminPost("/api/v1/admin/experiments", body)
                .expect("Creating the demo experiment " + key, 201)
                .json()
                .getString("id");
        api.adminPost("/api/v1/admin/experiments/" + id + "/status", "{\"status\":\"running\"}")
                .expect("Starting the demo experiment " + key, 200);
    }

    /** A rule that fires: a detractor who answers NPS on an open page gets an apology with a way to talk to a person. */
    private void rule(String siteId) {
        if (exists("/api/v1/admin/rules?site=" + siteId, "key", "sorry-detractors")) {
            return;
        }
        api.adminPost("/api/v1/admin/rules", """
                {"siteId":"%s","key":"sorry-detractors","name":"Apologise to detractors","priority":100,
                 "definition":{"when":{"field":"npsClass","op":"=","value":"detractor"},"on":["nps"],
                  "action":{"type":"message","title":"We are sorry",
                   "template":"Thank you for being honest: a {{latestNps}} tells us we let you down. Tell us what went wrong?",
                   "link":{"url":"/demo/","label":"Talk to us"}},
                  "cap":{"times":1,"perHours":24}}}""".formatted(siteId)).expect("Creating the demo rule", 201);
    }
}
