package dev.attune.admin.dashboard;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.QuarantineReason;
import dev.attune.personalization.api.KpiService;
import dev.attune.personalization.api.KpiService.Bucket;
import dev.attune.personalization.api.KpiService.Values;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's charts as ECharts options, each with the data it draws for the CSV export. Time series come as
 * one slot per bucket of the range (a bucket without events is a slot of zeros, so bars do not close gaps in time);
 * averages of empty buckets are gaps the lines bridge. Pure functions of their input: no services, no UI.
 */
final class DashboardCharts {
    /** What a chart draws and what its CSV link downloads. */
    record Drawn(JsonObject option, DashboardCard.Csv csv) {}

    /** One time series of the range: the bucket starts, their labels as shown, and the figures per bucket. */
    record Series(List<Instant> buckets, List<String> labels, List<Values> values) {}

    /** Quarantined events per bucket and reason, and events per bucket (null: bot share not drawn, e.g. filtered). */
    record Quarantine(
            List<Instant> buckets, List<String> labels, Map<QuarantineReason, long[]> byReason, long[] events) {}

    /** Reasons counted as bots: crawler user agents, honeypot fields filled, subjects sending faster than a person. */
    static final Set<QuarantineReason> BOT_REASONS =
            Set.of(QuarantineReason.BOT_USER_AGENT, QuarantineReason.HONEYPOT, QuarantineReason.SUBJECT_RATE);

    private static final String BLUE = "#1a73e8";
    private static final String GREY = "#adb5bd";
    private static final String GREEN = "#2f9e44";
    private static final String RED = "#e03131";
    private static final String ORANGE = "#f08c00";
    private static final String PURPLE = "#ae3ec9";
    private static final String TEAL = "#0c8599";
    /**
     * A mid grey that reads on Lumo's light and dark backgrounds alike (series colours cannot use Lumo's CSS variables:
     * ECharts draws them itself; axes, labels and legends follow the theme).
     */
    private static final String MID_GREY = "#868e96";
    /** Beyond this many buckets, time charts get a zoom slider (wheel and drag zoom work always). */
    private static final int SLIDER_FROM = 30;
    /** The breakdown draws this many slices per dimension (the largest by events); the CSV has all. */
    static final int MAX_SLICES = 10;

    private DashboardCharts() {}

    // ------------------------------------------------------------------ the charts

    /** (a) Explicit feedback stacked on implicit signals per bucket, page views as a line. */
    static Drawn events(Series s) {
        JsonArrayBuilder explicit = JSON.createArrayBuilder();
        JsonArrayBuilder implicit = JSON.createArrayBuilder();
        JsonArrayBuilder views = JSON.createArrayBuilder();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < s.values().size(); i++) {
            Values v = s.values().get(i);
            explicit.add(v.explicit());
            implicit.add(v.events() - v.explicit());
            views.add(v.pageViews());
            rows.add(List.of(
                    s.buckets().get(i).toString(),
                    n(v.events()),
                    n(v.explicit()),
                    n(v.events() - v.explicit()),
                    n(v.pageViews())));
        }
        JsonObject option = timeChart(s.labels())
                .add("yAxis", axis("events", "left").add("minInterval", 1))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(bar("Explicit feedback", explicit, BLUE).add("stack", "events"))
                                .add(bar("Implicit signals", implicit, GREY).add("stack", "events"))
                                .add(line("Page views", views, ORANGE)))
                .build();
        return new Drawn(
                option,
                new DashboardCard.Csv(
                        List.of("bucket_start_utc", "events", "explicit", "implicit", "page_views"), rows));
    }

    /** (b) Average rating and CSAT (1–5, left axis) and average sentiment (−1..1, right axis) per bucket. */
    static Drawn ratings(Series s) {
        JsonArrayBuilder rating = JSON.createArrayBuilder();
        JsonArrayBuilder csat = JSON.createArrayBuilder();
        JsonArrayBuilder sentiment = JSON.createArrayBuilder();
        List<List<String>> rows = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < s.values().size(); i++) {
            Values v = s.values().get(i);
            addOrGap(rating, v.averageRating(), 2);
            addOrGap(csat, v.averageCsat(), 2);
            addOrGap(sentiment, v.averageSentiment(), 2);
            any |= v.ratings() + v.csatAnswers() + v.sentimentTexts() > 0;
            rows.add(List.of(
                    s.buckets().get(i).toString(),
                    n(v.ratings()),
                    d(v.averageRating(), 4),
                    n(v.csatAnswers()),
                    d(v.averageCsat(), 4),
                    n(v.sentimentTexts()),
                    d(v.averageSentiment(), 4)));
        }
        JsonObjectBuilder option = timeChart(s.labels())
                .add(
                        "yAxis",
                        JSON.createArrayBuilder()
                                .add(axis("1–5", "left").add("min", 1).add("max", 5))
                                .add(axis("sentiment", "right")
                                        .add("min", -1)
                                        .add("max", 1)
                                        .add(
                                                "splitLine",
                                                JSON.createObjectBuilder().add("show", false))))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(line("Average rating", rating, BLUE).add("connectNulls", true))
                                .add(line("Average CSAT", csat, TEAL).add("connectNulls", true))
                                .add(line("Average sentiment", sentiment, PURPLE)
                                        .add("connectNulls", true)
                                        .add("yAxisIndex", 1)
                                        .add(
                                                "lineStyle",
                                                JSON.createObjectBuilder().add("type", "dashed"))));
        if (!any) {
            option.add("title", nothing("No ratings, CSAT answers or texts in this range"));
        }
        return new Drawn(
                option.build(),
                new DashboardCard.Csv(
                        List.of(
                                "bucket_start_utc",
                                "ratings",
                                "average_rating",
                                "csat_answers",
                                "average_csat",
                                "sentiment_texts",
                                "average_sentiment"),
                        rows));
    }

    /** (c) NPS answers per bucket stacked by kind, and the NPS (right axis). */
    static Drawn nps(Series s) {
        JsonArrayBuilder promoters = JSON.createArrayBuilder();
        JsonArrayBuilder passives = JSON.createArrayBuilder();
        JsonArrayBuilder detractors = JSON.createArrayBuilder();
        JsonArrayBuilder score = JSON.createArrayBuilder();
        List<List<String>> rows = new ArrayList<>();
        long answers = 0;
        for (int i = 0; i < s.values().size(); i++) {
            Values v = s.values().get(i);
            promoters.add(v.promoters());
            passives.add(v.passives());
            detractors.add(v.detractors());
            addOrGap(score, v.nps(), 1);
            answers += v.promoters() + v.passives() + v.detractors();
            rows.add(List.of(
                    s.buckets().get(i).toString(),
                    n(v.promoters()),
                    n(v.passives()),
                    n(v.detractors()),
                    d(v.nps(), 2)));
        }
        JsonObjectBuilder option = timeChart(s.labels())
                .add(
                        "yAxis",
                        JSON.createArrayBuilder()
                                .add(axis("answers", "left").add("minInterval", 1))
                                .add(axis("NPS", "right")
                                        .add("min", -100)
                                        .add("max", 100)
                                        .add(
                                                "splitLine",
                                                JSON.createObjectBuilder().add("show", false))))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(bar("Promoters (9–10)", promoters, GREEN).add("stack", "nps"))
                                .add(bar("Passives (7–8)", passives, GREY).add("stack", "nps"))
                                .add(bar("Detractors (0–6)", detractors, RED).add("stack", "nps"))
                                .add(line("NPS", score, BLUE)
                                        .add("yAxisIndex", 1)
                                        .add("connectNulls", true)));
        if (answers == 0) {
            option.add("title", nothing("No NPS answers in this range"));
        }
        return new Drawn(
                option.build(),
                new DashboardCard.Csv(List.of("bucket_start_utc", "promoters", "passives", "detractors", "nps"), rows));
    }

    /** The height of one dimension's band in the breakdown chart, px. */
    static final int BREAKDOWN_BAND = 190;

    /**
     * (d) Device classes, languages and segments one under the other (a skew between slices is visible at a glance): per slice
     * grouped bars of events (left axis), interaction rate in % (right axis) and average rating (its own hidden 0–5
     * axis, value as label). Segments count the events of profiled persons in each segment they were in (a person in
     * two segments counts in both). The three are stacked: each keeps the full width on any screen.
     */
    static Drawn breakdown(Map<String, Values> byDevice, Map<String, Values> byLocale, Map<String, Values> bySegment) {
        List<List<String>> rows = new ArrayList<>();
        byDevice.forEach((k, v) -> rows.add(sliceRow("device", k, v)));
        byLocale.forEach((k, v) -> rows.add(sliceRow("language", k, v)));
        bySegment.forEach((k, v) -> rows.add(sliceRow("segment", k, v)));
        String[] names = {"By device", "By language", "By segment"};
        JsonArrayBuilder titles = JSON.createArrayBuilder();
        JsonArrayBuilder grids = JSON.createArrayBuilder();
        for (int g = 0; g < 3; g++) { // stacked, one band each (BREAKDOWN_BAND px; the card is sized to fit three)
            titles.add(JSON.createObjectBuilder()
                    .add("text", names[g])
                    .add("left", 4)
                    .add("top", 30 + g * BREAKDOWN_BAND)
                    .add("textStyle", JSON.createObjectBuilder().add("fontSize", 13)));
            grids.add(JSON.createObjectBuilder()
                    .add("left", 8)
                    .add("right", 8)
                    .add("top", 74 + g * BREAKDOWN_BAND)
                    .add("height", BREAKDOWN_BAND - 80)
                    .add("containLabel", true));
        }
        JsonArrayBuilder xAxes = JSON.createArrayBuilder();
        JsonArrayBuilder yAxes = JSON.createArrayBuilder();
        JsonArrayBuilder series = JSON.createArrayBuilder();
        List<Map<String, Values>> dimensions = List.of(byDevice, byLocale, bySegment);
        for (int g = 0; g < 3; g++) {
            List<Map.Entry<String, Values>> slices =
                    dimensions.get(g).entrySet().stream().limit(MAX_SLICES).toList();
            JsonArrayBuilder labels = JSON.createArrayBuilder();
            JsonArrayBuilder events = JSON.createArrayBuilder();
            JsonArrayBuilder interaction = JSON.createArrayBuilder();
            JsonArrayBuilder rating = JSON.createArrayBuilder();
            for (Map.Entry<String, Values> e : slices) {
                labels.add(g == 1 ? languageLabel(e.getKey()) : e.getKey());
                events.add(e.getValue().events());
                addOrGap(interaction, percent(e.getValue().interactionRate()), 1);
                addOrGap(rating, e.getValue().averageRating(), 2);
            }
            xAxes.add(JSON.createObjectBuilder()
                    .add("type", "category")
                    .add("gridIndex", g)
                    .add("data", labels)
                    .add(
                            "axisLabel",
                            JSON.createObjectBuilder().add("interval", 0).add("hideOverlap", true)));
            yAxes.add(axis("events", "left").add("gridIndex", g).add("minInterval", 1));
            yAxes.add(axis("%", "right")
                    .add("gridIndex", g)
                    .add("min", 0)
                    .add("splitLine", JSON.createObjectBuilder().add("show", false)));
            yAxes.add(JSON.createObjectBuilder()
                    .add("type", "value")
                    .add("gridIndex", g)
                    .add("min", 0)
                    .add("max", 5)
                    .add("show", false));
            int y = g * 3;
            series.add(bar("Events", events, BLUE).add("xAxisIndex", g).add("yAxisIndex", y));
            series.add(bar("Interaction rate (%)", interaction, ORANGE)
                    .add("xAxisIndex", g)
                    .add("yAxisIndex", y + 1));
            series.add(bar("Average rating (1–5)", rating, GREEN)
                    .add("xAxisIndex", g)
                    .add("yAxisIndex", y + 2)
                    .add(
                            "label",
                            JSON.createObjectBuilder()
                                    .add("show", true)
                                    .add("position", "top")
                                    .add("fontSize", 10)));
        }
        JsonObjectBuilder base = JSON.createObjectBuilder()
                .add("backgroundColor", "transparent")
                .add(
                        "tooltip",
                        JSON.createObjectBuilder()
                                .add("trigger", "axis")
                                .add("axisPointer", JSON.createObjectBuilder().add("type", "shadow")))
                .add("legend", JSON.createObjectBuilder().add("top", 0))
                .add("title", titles)
                .add("grid", grids)
                .add("xAxis", xAxes)
                .add("yAxis", yAxes)
                .add("series", series);
        if (byDevice.isEmpty() && byLocale.isEmpty()) {
            base.add(
                    "graphic",
                    JSON.createObjectBuilder()
                            .add("type", "text")
                            .add("left", "center")
                            .add("top", "middle")
                            .add(
                                    "style",
                                    JSON.createObjectBuilder()
                                            .add("text", "No events in this range")
                                            .add("fill", MID_GREY)));
        }
        JsonObject option = base.build();
        return new Drawn(
                option,
                new DashboardCard.Csv(
                        List.of(
                                "dimension",
                                "slice",
                                "events",
                                "page_views",
                                "explicit",
                                "interaction_rate_percent",
                                "ratings",
                                "average_rating",
                                "nps"),
                        rows));
    }

    /** (e) Recommendation lists served and rewarded per bucket (rewarded drawn inside served), click-through on the right. */
    static Drawn recommendations(List<Instant> buckets, List<String> labels, long[] served, long[] rewarded) {
        JsonArrayBuilder s = JSON.createArrayBuilder();
        JsonArrayBuilder r = JSON.createArrayBuilder();
        JsonArrayBuilder ctr = JSON.createArrayBuilder();
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < buckets.size(); i++) {
            Double rate = served[i] == 0 ? null : 100.0 * rewarded[i] / served[i];
            s.add(served[i]);
            r.add(rewarded[i]);
            addOrGap(ctr, rate, 1);
            total += served[i];
            rows.add(List.of(buckets.get(i).toString(), n(served[i]), n(rewarded[i]), d(rate, 2)));
        }
        JsonObjectBuilder option = timeChart(labels)
                .add(
                        "yAxis",
                        JSON.createArrayBuilder()
                                .add(axis("lists", "left").add("minInterval", 1))
                                .add(axis("CTR %", "right")
                                        .add("min", 0)
                                        .add(
                                                "splitLine",
                                                JSON.createObjectBuilder().add("show", false))))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(bar("Served", s, GREY))
                                .add(bar("Rewarded", r, GREEN).add("barGap", "-100%"))
                                .add(line("Click-through (%)", ctr, BLUE)
                                        .add("yAxisIndex", 1)
                                        .add("connectNulls", true)));
        if (total == 0) {
            option.add("title", nothing("No recommendations served in this range"));
        }
        return new Drawn(
                option.build(),
                new DashboardCard.Csv(
                        List.of("bucket_start_utc", "served", "rewarded", "click_through_percent"), rows));
    }

    /**
     * (f) Quarantined events per bucket stacked by reason, and the bot share (bot reasons over events plus
     * quarantined, %, right axis) when events are given.
     */
    static Drawn quarantine(Quarantine q) {
        List<QuarantineReason> reasons = q.byReason().entrySet().stream()
                .filter(e -> sum(e.getValue()) > 0)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        JsonArrayBuilder series = JSON.createArrayBuilder();
        List<String> palette = List.of(RED, ORANGE, PURPLE, TEAL, GREY, BLUE);
        for (QuarantineReason r : reasons) {
            JsonArrayBuilder data = JSON.createArrayBuilder();
            for (long c : q.byReason().get(r)) {
                data.add(c);
            }
            series.add(bar(r.wireName(), data, palette.get(r.ordinal() % palette.size()))
                    .add("stack", "quarantine"));
        }
        List<String> header = new ArrayList<>(List.of("bucket_start_utc"));
        reasons.forEach(r -> header.add(r.wireName()));
        header.add("quarantined");
        if (q.events() != null) {
            header.add("events");
            header.add("bot_share_percent");
        }
        JsonArrayBuilder share = JSON.createArrayBuilder();
        List<List<String>> rows = new ArrayList<>();
        long all = 0;
        for (int i = 0; i < q.buckets().size(); i++) {
            long total = 0;
            long bots = 0;
            List<String> row = new ArrayList<>(List.of(q.buckets().get(i).toString()));
            for (QuarantineReason r : reasons) {
                long c = q.byReason().get(r)[i];
                row.add(n(c));
                total += c;
                bots += BOT_REASONS.contains(r) ? c : 0;
            }
            row.add(n(total));
            all += total;
            if (q.events() != null) {
                long denominator = q.events()[i] + total;
                Double rate = denominator == 0 ? null : 100.0 * bots / denominator;
                addOrGap(share, rate, 2);
                row.add(n(q.events()[i]));
                row.add(d(rate, 3));
            }
            rows.add(row);
        }
        JsonArrayBuilder yAxes =
                JSON.createArrayBuilder().add(axis("events", "left").add("minInterval", 1));
        if (q.events() != null) {
            yAxes.add(axis("bot share %", "right")
                    .add("min", 0)
                    .add("splitLine", JSON.createObjectBuilder().add("show", false)));
            series.add(
                    line("Bot share (%)", share, MID_GREY).add("yAxisIndex", 1).add("connectNulls", true));
        }
        JsonObjectBuilder option = timeChart(q.labels()).add("yAxis", yAxes).add("series", series);
        if (all == 0) {
            option.add("title", nothing("Nothing quarantined in this range"));
        }
        return new Drawn(option.build(), new DashboardCard.Csv(header, rows));
    }

    /**
     * (f) for the last hour: quarantined events by reason, one horizontal bar each (bot reasons in red), with the bot
     * share in the CSV when events are given.
     */
    static Drawn quarantineTotals(Map<QuarantineReason, Long> counts, Long events) {
        JsonArrayBuilder names = JSON.createArrayBuilder();
        JsonArrayBuilder data = JSON.createArrayBuilder();
        List<List<String>> rows = new ArrayList<>();
        long total = 0;
        long bots = 0;
        for (QuarantineReason r : QuarantineReason.values()) {
            long c = counts.getOrDefault(r, 0L);
            names.add(r.wireName());
            data.add(JSON.createObjectBuilder()
                    .add("value", c)
                    .add("itemStyle", JSON.createObjectBuilder().add("color", BOT_REASONS.contains(r) ? RED : ORANGE)));
            rows.add(List.of(r.wireName(), n(c)));
            total += c;
            bots += BOT_REASONS.contains(r) ? c : 0;
        }
        if (events != null) {
            rows.add(List.of("bot_share_percent", d(events + total == 0 ? null : 100.0 * bots / (events + total), 3)));
        }
        JsonObjectBuilder option = JSON.createObjectBuilder()
                .add(
                        "tooltip",
                        JSON.createObjectBuilder()
                                .add("trigger", "axis")
                                .add("axisPointer", JSON.createObjectBuilder().add("type", "shadow")))
                .add(
                        "grid",
                        JSON.createObjectBuilder()
                                .add("left", 8)
                                .add("right", 24)
                                .add("top", 16)
                                .add("bottom", 8)
                                .add("containLabel", true))
                .add(
                        "yAxis",
                        JSON.createObjectBuilder()
                                .add("type", "category")
                                .add("data", names)
                                .add("inverse", true)
                                .add("axisLabel", JSON.createObjectBuilder().add("interval", 0)))
                .add("xAxis", JSON.createObjectBuilder().add("type", "value").add("minInterval", 1))
                .add(
                        "series",
                        JSON.createArrayBuilder()
                                .add(JSON.createObjectBuilder()
                                        .add("name", "Quarantined in the last hour")
                                        .add("type", "bar")
                                        .add("data", data)));
        if (total == 0) {
            option.add("title", nothing("Nothing quarantined in the last hour"));
        }
        return new Drawn(option.build(), new DashboardCard.Csv(List.of("reason", "quarantined"), rows));
    }

    // ------------------------------------------------------------------ figures

    /** The series as one slot per bucket of the grid: buckets without a row are zeros. */
    static List<Values> slots(List<Instant> grid, Bucket bucket, List<KpiService.Point> series) {
        List<List<Values>> parts = new ArrayList<>();
        grid.forEach(b -> parts.add(new ArrayList<>()));
        long step = DashboardRange.unit(bucket).getDuration().toMillis();
        for (KpiService.Point p : series) {
            parts.get(slot(grid, step, p.bucket(), bucket == Bucket.DAY)).add(p.values());
        }
        return parts.stream()
                .map(list -> list.size() == 1 ? list.get(0) : combine(list))
                .toList();
    }

    /**
     * The slot of the grid an instant falls in, clamped to the grid. The database truncates to days in its session's
     * time zone, which may not be UTC: day buckets go to the nearest slot ({@code nearest}), so a day starting at local
     * midnight lands on its UTC date.
     */
    static int slot(List<Instant> grid, long stepMillis, Instant at, boolean nearest) {
        long delta = at.toEpochMilli() - grid.get(0).toEpochMilli();
        long i = Math.floorDiv(nearest ? delta + stepMillis / 2 : delta, stepMillis);
        return (int) Math.max(0, Math.min(grid.size() - 1, i));
    }

    /**
     * The figures of several slices (or buckets) as one: counts add up, means are weighted by their counts, rates are
     * taken again from the summed counts.
     */
    static Values combine(Collection<Values> parts) {
        long events = 0,
                pageViews = 0,
                explicit = 0,
                ratings = 0,
                promoters = 0,
                passives = 0,
                detractors = 0,
                csat = 0;
        long texts = 0, up = 0, down = 0, clicks = 0, carts = 0, purchases = 0;
        double ratingSum = 0, csatSum = 0, satisfied = 0, sentimentSum = 0, revenue = 0;
        for (Values v : parts) {
            events += v.events();
            pageViews += v.pageViews();
            explicit += v.explicit();
            ratings += v.ratings();
            ratingSum += v.averageRating() == null ? 0 : v.averageRating() * v.ratings();
            promoters += v.promoters();
            passives += v.passives();
            detractors += v.detractors();
            csat += v.csatAnswers();
            csatSum += v.averageCsat() == null ? 0 : v.averageCsat() * v.csatAnswers();
            satisfied += v.csatSatisfiedShare() == null ? 0 : v.csatSatisfiedShare() * v.csatAnswers();
            texts += v.sentimentTexts();
            sentimentSum += v.averageSentiment() == null ? 0 : v.averageSentiment() * v.sentimentTexts();
            up += v.thumbsUp();
            down += v.thumbsDown();
            clicks += v.clicks();
            carts += v.carts();
            purchases += v.purchases();
            revenue += v.revenue();
        }
        long npsAnswers = promoters + passives + detractors;
        return new Values(
                events,
                pageViews,
                explicit,
                ratings,
                ratings == 0 ? null : ratingSum / ratings,
                promoters,
                passives,
                detractors,
                npsAnswers == 0 ? null : 100.0 * (promoters - detractors) / npsAnswers,
                csat,
                csat == 0 ? null : csatSum / csat,
                csat == 0 ? null : satisfied / csat,
                texts,
                texts == 0 ? null : sentimentSum / texts,
                up,
                down,
                clicks,
                carts,
                purchases,
                revenue,
                pageViews == 0 ? null : (double) explicit / pageViews,
                pageViews == 0 ? null : (double) purchases / pageViews);
    }

    /** A language code as the console shows it: {@code de} → "de · German"; "unknown" as is. */
    static String languageLabel(String code) {
        if (code == null || code.isBlank() || code.equals("unknown")) {
            return "unknown";
        }
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() || name.equalsIgnoreCase(code) ? code : code + " · " + name;
    }

    static Double percent(Double share) {
        return share == null ? null : share * 100;
    }

    // ------------------------------------------------------------------ option pieces

    /** Tooltip on the axis, legend on top, category x axis of the labels, zoom by wheel and drag (and a slider when long). */
    private static JsonObjectBuilder timeChart(List<String> labels) {
        JsonArrayBuilder x = JSON.createArrayBuilder();
        labels.forEach(x::add);
        boolean slider = labels.size() > SLIDER_FROM;
        JsonArrayBuilder zoom = JSON.createArrayBuilder()
                .add(JSON.createObjectBuilder().add("type", "inside").add("xAxisIndex", 0));
        if (slider) {
            zoom.add(JSON.createObjectBuilder()
                    .add("type", "slider")
                    .add("xAxisIndex", 0)
                    .add("height", 16)
                    .add("bottom", 6));
        }
        return JSON.createObjectBuilder()
                .add(
                        "tooltip",
                        JSON.createObjectBuilder().add("trigger", "axis").add("confine", true))
                .add("legend", JSON.createObjectBuilder().add("top", 0).add("type", "scroll"))
                .add(
                        "grid",
                        JSON.createObjectBuilder()
                                .add("left", 8)
                                .add("right", 8)
                                .add("top", 48)
                                .add("bottom", slider ? 34 : 8)
                                .add("containLabel", true))
                .add("xAxis", JSON.createObjectBuilder().add("type", "category").add("data", x))
                .add("dataZoom", zoom);
    }

    /** A value axis whose name stays inside the chart: aligned to the left on the left axis, to the right on the right one. */
    private static JsonObjectBuilder axis(String name, String side) {
        return JSON.createObjectBuilder()
                .add("type", "value")
                .add("name", name)
                .add("nameTextStyle", JSON.createObjectBuilder().add("align", side));
    }

    private static JsonObjectBuilder bar(String name, JsonArrayBuilder data, String color) {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("type", "bar")
                .add("data", data)
                .add("color", color)
                .add("emphasis", JSON.createObjectBuilder().add("focus", "series"));
    }

    private static JsonObjectBuilder line(String name, JsonArrayBuilder data, String color) {
        return JSON.createObjectBuilder()
                .add("name", name)
                .add("type", "line")
                .add("data", data)
                .add("color", color)
                .add("symbolSize", 5)
                .add("showSymbol", true);
    }

    /** A grey note in the middle of an empty chart. */
    private static JsonObjectBuilder nothing(String text) {
        return JSON.createObjectBuilder()
                .add("text", text)
                .add("left", "center")
                .add("top", "middle")
                .add(
                        "textStyle",
                        JSON.createObjectBuilder()
                                .add("fontSize", 13)
                                .add("fontWeight", "normal")
                                .add("color", MID_GREY));
    }

    /** A value rounded to {@code digits}, or ECharts' gap ("-") when there is none. */
    private static void addOrGap(JsonArrayBuilder data, Double value, int digits) {
        if (value == null || value.isNaN()) {
            data.add("-");
        } else {
            double scale = Math.pow(10, digits);
            data.add(Math.round(value * scale) / scale);
        }
    }

    private static List<String> sliceRow(String dimension, String slice, Values v) {
        return List.of(
                dimension,
                slice,
                n(v.events()),
                n(v.pageViews()),
                n(v.explicit()),
                d(percent(v.interactionRate()), 2),
                n(v.ratings()),
                d(v.averageRating(), 4),
                d(v.nps(), 2));
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    private static String n(long value) {
        return Long.toString(value);
    }

    /** A decimal for the CSV (dot, no grouping), empty when there is none. */
    private static String d(Double value, int digits) {
        return value == null ? "" : String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
