package dev.attune.personalization.internal.profiles;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.Profile;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A profile's working state. Every recency-weighted quantity is kept as of {@code asOf}, the latest event time seen:
 * an event at t adds its weight times 2^(-(asOf - t) / halfLife), and a later event first decays everything to its
 * own time. So the state is the same whatever order the events arrive in, and a rebuild from stored events equals
 * the live profile. Not thread-safe: its owner serialises updates per subject.
 */
final class ProfileState {
    /** Items and attributes kept per profile; beyond (by a tenth, then all at once), the weakest scores go. */
    static final int MAX_KEYS = 300;

    private final UUID siteId;
    private final String subject;
    private final double halfLifeMillis;
    private long events;
    private Instant firstSeen;
    private Instant lastSeen;
    private Instant asOf;
    private final Map<String, double[]> items = new HashMap<>(); // key -> {score, events}
    private final Map<String, double[]> attributes = new HashMap<>();
    /**
     * An item's or attribute's score as of {@code asOf} is its stored score times this: decaying them all to a later
     * event is one multiplication, not one per entry (a heavy visitor keeps hundreds).
     */
    private double scale = 1;

    private double ratingSum;
    private long ratings;
    private Integer latestNps;
    private Instant latestNpsAt;
    private Integer latestCsat;
    private Instant latestCsatAt;
    private double csatSum;
    private long csats;
    private double sentimentWeighted;
    private double sentimentWeights;
    private long sentimentTexts;
    /** Weighted sums of text time t (hours since {@link #TREND_EPOCH}), t² and t·sentiment: the trend's regression. */
    private double sentimentTW;

    private double sentimentT;
    private double sentimentTT;
    private double sentimentTY;
    private Double lastSentiment;
    private Instant lastSentimentAt;
    private double engagement;
    private final Map<String, Long> devices = new TreeMap<>();
    /** When this state was last handed to the store (System.nanoTime), for the flush's rate per profile. */
    private long writtenAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    private final Map<String, Long> types = new TreeMap<>();
    /** The latest events (at most {@value #RECENT} within {@value #RECENT_DAYS} days), oldest first: segments' windows. */
    private final List<Recent> recent = new ArrayList<>();
    /** The keys of the segments the subject is in. */
    private final SortedSet<String> segments = new TreeSet<>();

    static final int RECENT = 300;
    static final int RECENT_DAYS = 35;
    /** Origin of the sentiment trend's time axis (hours from here keep t² well within double precision). */
    static final long TREND_EPOCH = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    /** One recent event: when (epoch millis), its type, item and text sentiment label (each may be null). */
    record Recent(long at, String type, String item, String sentiment) {}

    ProfileState(UUID siteId, String subject, double halfLifeDays) {
        this.siteId = siteId;
        this.subject = subject;
        this.halfLifeMillis = halfLifeDays * 86_400_000d;
    }

    /** Adds one event (with what was derived from it, may be null, and its item attributes). */
    void apply(FeedbackReceived e, EventEnrichment derived, List<String> itemAttributes) {
        Instant t = e.occurredAt();
        double decay = weightAt(t);
        events++;
        firstSeen = firstSeen == null || t.isBefore(firstSeen) ? t : firstSeen;
        lastSeen = lastSeen == null || t.isAfter(lastSeen) ? t : lastSeen;
        types.merge(e.type(), 1L, Long::sum);
        remember(new Recent(t.toEpochMilli(), e.type(), e.itemId(), derived == null ? null : derived.sentimentLabel()));
        if (derived != null && derived.deviceClass() != null) {
            devices.merge(derived.deviceClass(), 1L, Long::sum);
        }
        double value = e.value() == null ? Double.NaN : e.value().doubleValue();
        Double compound = derived == null ? null : derived.sentiment();
        double interest = interest(e.type(), value, compound);
        engagement += activity(e.type()) * decay;
        if (e.itemId() != null && interest != 0) {
            add(items, e.itemId(), interest * decay);
            for (String attribute : itemAttributes) {
                add(attributes, attribute, interest * decay);
            }
        }
        switch (e.type()) {
            case "rating" -> {
                if (!Double.isNaN(value)) {
                    ratingSum += value;
                    ratings++;
                }
            }
            case "nps" -> {
                if (!Double.isNaN(value) && (latestNpsAt == null || !t.isBefore(latestNpsAt))) {
                    latestNps = (int) value;
                    latestNpsAt = t;
                }
            }
            case "csat" -> {
                if (!Double.isNaN(value)) {
                    csatSum += value;
                    csats++;
                    if (latestCsatAt == null || !t.isBefore(latestCsatAt)) {
                        latestCsat = (int) value;
                        latestCsatAt = t;
                    }
                }
            }
            default -> {}
        }
        if (compound != null) {
            sentimentWeighted += compound * decay;
            sentimentWeights += decay;
            double hours = (t.toEpochMilli() - TREND_EPOCH) / 3_600_000d;
            sentimentTW += decay;
            sentimentT += decay * hours;
            sentimentTT += decay * hours * hours;
            sentimentTY += decay * hours * compound;
            sentimentTexts++;
            if (lastSentimentAt == null || !t.isBefore(lastSentimentAt)) {
                lastSentiment = compound;
                lastSentimentAt = t;
            }
        }
    }

    private void remember(Recent r) {
        int at = recent.size();
        while (at > 0 && recent.get(at - 1).at() > r.at()) {
            at--;
        }
        recent.add(at, r);
        long horizon = asOf.toEpochMilli() - RECENT_DAYS * 86_400_000L;
        while (!recent.isEmpty() && (recent.size() > RECENT || recent.get(0).at() < horizon)) {
            recent.remove(0);
        }
    }

    List<Recent> recent() {
        return List.copyOf(recent);
    }

    SortedSet<String> segments() {
        return segments;
    }

    /** The weight an event at t has as of {@code asOf} (moving asOf, and decaying everything, when t is later). */
    private double weightAt(Instant t) {
        if (asOf == null) {
            asOf = t;
            return 1;
        }
        if (t.isAfter(asOf)) {
            double factor = Math.pow(2, -(t.toEpochMilli() - asOf.toEpochMilli()) / halfLifeMillis);
            scale *= factor;
            if (scale < 1e-100) {
                items.values().forEach(s -> s[0] *= scale);
                attributes.values().forEach(s -> s[0] *= scale);
                scale = 1;
            }
            engagement *= factor;
            sentimentWeighted *= factor;
            sentimentWeights *= factor;
            sentimentTW *= factor;
            sentimentT *= factor;
            sentimentTT *= factor;
            sentimentTY *= factor;
            asOf = t;
            return 1;
        }
        return Math.pow(2, -(asOf.toEpochMilli() - t.toEpochMilli()) / halfLifeMillis);
    }

    private void add(Map<String, double[]> scores, String key, double amount) {
        double[] s = scores.computeIfAbsent(key, k -> new double[2]);
        s[0] += amount / scale;
        s[1]++;
        if (scores.size() > MAX_KEYS + MAX_KEYS / 10) {
            // the weakest go in one sweep once a tenth more have come, not one scan of all per new key
            scores.entrySet().stream()
                    .sorted(Comparator.comparingDouble(x -> Math.abs(x.getValue()[0])))
                    .limit(scores.size() - MAX_KEYS)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(scores::remove);
        }
    }

    /**
     * What an event says about interest in its item: views 1, clicks 2, dwell a unit per 30 s (at most 3), scroll
     * depth a unit per full page, carts 4, purchases 6, ratings 2 per star away from 3, thumbs +-3, text twice its
     * sentiment.
     */
    static double interest(String type, double value, Double compound) {
        return switch (type) {
            case "page_view" -> 1;
            case "click" -> 2;
            case "dwell" -> Double.isNaN(value) ? 0 : Math.min(3, value / 30);
            case "scroll_depth" -> Double.isNaN(value) ? 0 : value / 100;
            case "add_to_cart" -> 4;
            case "purchase" -> 6;
            case "rating" -> Double.isNaN(value) ? 0 : 2 * (value - 3);
            case "thumbs" -> Double.isNaN(value) ? 0 : 3 * Math.signum(value);
            case "text" -> compound == null ? 0 : 2 * compound;
            default -> 0;
        };
    }

    /** How much an event counts towards engagement: explicit feedback and conversions more than browsing. */
    static double activity(String type) {
        return switch (type) {
            case "page_view", "scroll_depth", "dwell" -> 1;
            case "click" -> 1.5;
            case "add_to_cart" -> 3;
            case "purchase" -> 5;
            default -> 2;
        };
    }

    Profile toProfile() {
        return new Profile(
                siteId,
                subject,
                events,
                firstSeen,
                lastSeen,
                asOf,
                top(items),
                top(attributes),
                ratings == 0 ? null : ratingSum / ratings,
                ratings,
                latestNps,
                latestNps == null ? null : npsClass(latestNps),
                latestCsat,
                csats == 0 ? null : csatSum / csats,
                sentimentWeights == 0 ? null : sentimentWeighted / sentimentWeights,
                lastSentiment,
                sentimentTrend(),
                sentimentTexts,
                engagement,
                Map.copyOf(devices),
                Map.copyOf(types));
    }

    /**
     * The sentiment trend: the slope, per day, of a recency-weighted least-squares line through the subject's text
     * sentiments over time (positive: getting happier). Null until the texts span enough time (weighted spread of at
     * least an hour) to tell a direction. Rounded so that a rebuild in another order gives the same figure.
     */
    Double sentimentTrend() {
        if (sentimentTexts < 2 || sentimentTW <= 0 || sentimentTW != sentimentWeights) {
            return null; // (a state stored before the trend existed has it again after a rebuild)
        }
        double meanT = sentimentT / sentimentTW;
        double variance = sentimentTT / sentimentTW - meanT * meanT;
        if (variance < 1) {
            return null;
        }
        double covariance = sentimentTY / sentimentTW - meanT * (sentimentWeighted / sentimentTW);
        double perDay = 24 * covariance / variance;
        return Math.round(perDay * 1000) / 1000d;
    }

    static String npsClass(int score) {
        return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
    }

    private List<Profile.Score> top(Map<String, double[]> scores) {
        List<Profile.Score> list = new ArrayList<>();
        scores.forEach((k, s) -> list.add(new Profile.Score(k, s[0] * scale, (long) s[1])));
        list.sort(Comparator.comparingDouble(Profile.Score::score).reversed().thenComparing(Profile.Score::key));
        return List.copyOf(list);
    }

    UUID siteId() {
        return siteId;
    }

    String subject() {
        return subject;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    long events() {
        return events;
    }

    /** The state as JSON, for the database. */
    String toJson() {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("events", events)
                .add("firstSeen", firstSeen.toString())
                .add("lastSeen", lastSeen.toString())
                .add("asOf", asOf.toString())
                .add("items", scores(items))
                .add("attributes", scores(attributes))
                .add("ratingSum", ratingSum)
                .add("ratings", ratings)
                .add("csatSum", csatSum)
                .add("csats", csats)
                .add("sentimentWeighted", sentimentWeighted)
                .add("sentimentWeights", sentimentWeights)
                .add("sentimentTexts", sentimentTexts)
                .add("sentimentTW", sentimentTW)
                .add("sentimentT", sentimentT)
                .add("sentimentTT", sentimentTT)
                .add("sentimentTY", sentimentTY)
                .add("engagement", engagement);
        if (latestNps != null) {
            o.add("latestNps", latestNps).add("latestNpsAt", latestNpsAt.toString());
        }
        if (latestCsat != null) {
            o.add("latestCsat", latestCsat).add("latestCsatAt", latestCsatAt.toString());
        }
        if (lastSentiment != null) {
            o.add("lastSentiment", lastSentiment).add("lastSentimentAt", lastSentimentAt.toString());
        }
        var r = JSON.createArrayBuilder();
        for (Recent x : recent) {
            var a = JSON.createArrayBuilder().add(x.at()).add(x.type());
            if (x.item() == null) {
                a.addNull();
            } else {
                a.add(x.item());
            }
            if (x.sentiment() == null) {
                a.addNull();
            } else {
                a.add(x.sentiment());
            }
            r.add(a);
        }
        o.add("recent", r);
        var seg = JSON.createArrayBuilder();
        segments.forEach(seg::add);
        o.add("segments", seg);
        var d = JSON.createObjectBuilder();
        devices.forEach(d::add);
        var ty = JSON.createObjectBuilder();
        types.forEach(ty::add);
        return o.add("devices", d).add("types", ty).build().toString();
    }

    private JsonObjectBuilder scores(Map<String, double[]> scores) {
        var o = JSON.createObjectBuilder();
        scores.forEach(
                (k, s) -> o.add(k, JSON.createArrayBuilder().add(s[0] * scale).add((long) s[1])));
        return o;
    }

    static ProfileState fromJson(UUID siteId, String subject, double halfLifeDays, String json) {
        JsonObject o = JSON.createReader(new StringReader(json)).readObject();
        ProfileState s = new ProfileState(siteId, subject, halfLifeDays);
        s.events = o.getJsonNumber("events").longValue();
        s.firstSeen = Instant.parse(o.getString("firstSeen"));
        s.lastSeen = Instant.parse(o.getString("lastSeen"));
        s.asOf = Instant.parse(o.getString("asOf"));
        read(o.getJsonObject("items"), s.items);
        read(o.getJsonObject("attributes"), s.attributes);
        s.ratingSum = o.getJsonNumber("ratingSum").doubleValue();
        s.ratings = o.getJsonNumber("ratings").longValue();
        s.csatSum = o.getJsonNumber("csatSum").doubleValue();
        s.csats = o.getJsonNumber("csats").longValue();
        s.sentimentWeighted = o.getJsonNumber("sentimentWeighted").doubleValue();
        s.sentimentWeights = o.getJsonNumber("sentimentWeights").doubleValue();
        s.sentimentTexts = o.getJsonNumber("sentimentTexts").longValue();
        if (o.containsKey("sentimentTW")) {
            s.sentimentTW = o.getJsonNumber("sentimentTW").doubleValue();
            s.sentimentT = o.getJsonNumber("sentimentT").doubleValue();
            s.sentimentTT = o.getJsonNumber("sentimentTT").doubleValue();
            s.sentimentTY = o.getJsonNumber("sentimentTY").doubleValue();
        }
        s.engagement = o.getJsonNumber("engagement").doubleValue();
        if (o.containsKey("latestNps")) {
            s.latestNps = o.getInt("latestNps");
            s.latestNpsAt = Instant.parse(o.getString("latestNpsAt"));
        }
        if (o.containsKey("latestCsat")) {
            s.latestCsat = o.getInt("latestCsat");
            s.latestCsatAt = Instant.parse(o.getString("latestCsatAt"));
        }
        if (o.containsKey("lastSentiment")) {
            s.lastSentiment = o.getJsonNumber("lastSentiment").doubleValue();
            s.lastSentimentAt = Instant.parse(o.getString("lastSentimentAt"));
        }
        if (o.containsKey("recent")) {
            for (JsonValue v : o.getJsonArray("recent")) {
                var a = v.asJsonArray();
                s.recent.add(new Recent(
                        a.getJsonNumber(0).longValue(),
                        a.getString(1),
                        a.isNull(2) ? null : a.getString(2),
                        a.isNull(3) ? null : a.getString(3)));
            }
        }
        if (o.containsKey("segments")) {
            o.getJsonArray("segments").getValuesAs(JsonString.class).forEach(x -> s.segments.add(x.getString()));
        }
        o.getJsonObject("devices").forEach((k, v) -> s.devices.put(k, ((JsonNumber) v).longValue()));
        o.getJsonObject("types").forEach((k, v) -> s.types.put(k, ((JsonNumber) v).longValue()));
        return s;
    }

    private static void read(JsonObject from, Map<String, double[]> into) {
        for (Map.Entry<String, JsonValue> e : from.entrySet()) {
            var a = e.getValue().asJsonArray();
            into.put(e.getKey(), new double[] {
                a.getJsonNumber(0).doubleValue(), a.getJsonNumber(1).longValue()
            });
        }
    }

    /** The item attributes an event carries: properties.genres or .categories (arrays), or .category. */
    static List<String> attributes(String propertiesJson) {
        if (propertiesJson == null || propertiesJson.isBlank()) {
            return List.of();
        }
        JsonObject p;
        try {
            p = JSON.createReader(new StringReader(propertiesJson)).readObject();
        } catch (RuntimeException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String field : List.of("genres", "categories")) {
            if (p.get(field) instanceof JsonArray array) {
                for (JsonValue v : array) {
                    if (v instanceof JsonString s
                            && !s.getString().isBlank()
                            && s.getString().length() <= 100
                            && out.size() < 20) {
                        out.add(s.getString().strip());
                    }
                }
            }
        }
        if (out.isEmpty()
                && p.get("category") instanceof JsonString c
                && !c.getString().isBlank()
                && c.getString().length() <= 100) {
            out.add(c.getString().strip());
        }
        return out;
    }

    long writtenAt() {
        return writtenAt;
    }

    void writtenAt(long nanos) {
        writtenAt = nanos;
    }
}
