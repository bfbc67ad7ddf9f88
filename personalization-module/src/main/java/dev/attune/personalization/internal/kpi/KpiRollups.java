package dev.attune.personalization.internal.kpi;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.KpiService;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The dashboard's rollups: a batch of events is summed per slice (site, minute, device class, language; and per
 * segment of the person's profile) and added to {@code personalization.kpi_rollup} and {@code kpi_segment_rollup} with
 * one upsert per table, in the pipeline's transaction: the increments commit together with the record that the
 * events were applied, so a retried batch adds nothing twice and a crash loses nothing. The upsert adds, so instances
 * never overwrite each other; slices are written in a fixed order, so two writers never deadlock.
 */
@ApplicationScoped
public class KpiRollups implements KpiService {
    private static final Set<String> EXPLICIT = Set.of("rating", "thumbs", "nps", "csat", "text", "survey_answer");
    private static final Pattern LOCALE = Pattern.compile("\"locale\"\\s*:\\s*\"([A-Za-z]{2,3})");
    /** Count columns, then sum columns, in the order of {@link Counter}. */
    private static final String[] COUNTS = {
        "events",
        "page_views",
        "explicit",
        "ratings",
        "nps_promoters",
        "nps_passives",
        "nps_detractors",
        "csat_count",
        "csat_satisfied",
        "sentiment_count",
        "thumbs_up",
        "thumbs_down",
        "clicks",
        "carts",
        "purchases"
    };

    private static final String[] SUMS = {"rating_sum", "csat_sum", "sentiment_sum", "revenue"};

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Sql sql;

    /** A slice: {@code segment} null for the totals table, else a row of the segment table. */
    record Key(UUID siteId, Instant bucket, String device, String locale, String segment) {}

    private static final Comparator<Key> ORDER = Comparator.comparing((Key k) -> k.siteId())
            .thenComparing(Key::bucket)
            .thenComparing(Key::device)
            .thenComparing(Key::locale)
            .thenComparing(Key::segment, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** One event with what enrichment derived; {@code segments}: its profiled person's segments, null without a profile. */
    public record Observed(FeedbackReceived event, EventEnrichment derived, Set<String> segments) {}

    /** One slice's increments. */
    static final class Counter {
        final long[] n = new long[COUNTS.length];
        final double[] s = new double[SUMS.length];
    }

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    /** Adds the batch's events to their slices: totals, and segment slices for the events with a profile. */
    public void add(List<Observed> batch) {
        Map<Key, Counter> totals = new TreeMap<>(ORDER);
        Map<Key, Counter> bySegment = new TreeMap<>(ORDER);
        for (Observed o : batch) {
            add(totals, o, null);
            if (o.segments() != null) {
                if (o.segments().isEmpty()) {
                    add(bySegment, o, NO_SEGMENT);
                }
                for (String segment : o.segments()) {
                    add(bySegment, o, segment);
                }
            }
        }
        String cols = "site_id, bucket, device, locale, " + String.join(", ", concat());
        String params = "?, ?, ?, ?" + ", ?".repeat(COUNTS.length + SUMS.length);
        String updates = String.join(
                ", ",
                concat().stream().map(c -> c + " = r." + c + " + EXCLUDED." + c).toList());
        upsert(
                "INSERT INTO personalization.kpi_rollup AS r (" + cols + ") VALUES (" + params
                        + ") ON CONFLICT (site_id, bucket, device, locale) DO UPDATE SET " + updates,
                totals);
        upsert(
                "INSERT INTO personalization.kpi_segment_rollup AS r (" + cols + ", segment) VALUES (" + params
                        + ", ?) ON CONFLICT (site_id, bucket, segment, device, locale) DO UPDATE SET " + updates,
                bySegment);
    }

    private static void add(Map<Key, Counter> slices, Observed o, String segment) {
        FeedbackReceived e = o.event();
        EventEnrichment derived = o.derived();
        Key key = new Key(
                e.siteId(),
                e.occurredAt().truncatedTo(ChronoUnit.MINUTES),
                derived == null || derived.deviceClass() == null ? "unknown" : derived.deviceClass(),
                language(e.contextJson()),
                segment);
        add(
                slices.computeIfAbsent(key, k -> new Counter()),
                e.type(),
                e.value() != null,
                e.value() == null ? 0 : e.value().doubleValue(),
                derived == null ? null : derived.sentiment());
    }

    static void add(Counter c, String type, boolean hasValue, double v, Double sentiment) {
        c.n[0]++;
        if (type.equals("page_view")) {
            c.n[1]++;
        }
        if (EXPLICIT.contains(type)) {
            c.n[2]++;
        }
        switch (type) {
            case "rating" -> {
                if (hasValue) {
                    c.n[3]++;
                    c.s[0] += v;
                }
            }
            case "nps" -> {
                if (hasValue) {
                    c.n[v >= 9 ? 4 : v >= 7 ? 5 : 6]++;
                }
            }
            case "csat" -> {
                if (hasValue) {
                    c.n[7]++;
                    c.s[1] += v;
                    if (v >= 4) {
                        c.n[8]++;
                    }
                }
            }
            case "thumbs" -> c.n[v > 0 ? 10 : 11]++;
            case "click" -> c.n[12]++;
            case "add_to_cart" -> c.n[13]++;
            case "purchase" -> {
                c.n[14]++;
                c.s[3] += v;
            }
            default -> {
                // other implicit signals count as events only
            }
        }
        if (sentiment != null) {
            c.n[9]++;
            c.s[2] += sentiment;
        }
    }

    /** The language of the event's context locale ({@code de-CH} → {@code de}), or {@code unknown}. */
    static String language(String contextJson) {
        if (contextJson == null) {
            return "unknown";
        }
        Matcher m = LOCALE.matcher(contextJson);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "unknown";
    }

    private void upsert(String statement, Map<Key, Counter> slices) {
        if (slices.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(statement)) {
            for (Map.Entry<Key, Counter> e : slices.entrySet()) {
                int i = 1;
                ps.setObject(i++, e.getKey().siteId());
                ps.setObject(i++, OffsetDateTime.ofInstant(e.getKey().bucket(), ZoneOffset.UTC));
                ps.setString(i++, e.getKey().device());
                ps.setString(i++, e.getKey().locale());
                for (long n : e.getValue().n) {
                    ps.setLong(i++, n);
                }
                for (double s : e.getValue().s) {
                    ps.setDouble(i++, s);
                }
                if (e.getKey().segment() != null) {
                    ps.setString(i, e.getKey().segment());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException ex) {
            throw new IllegalStateException("KPI rollup upsert failed: " + ex.getMessage(), ex);
        }
    }

    private static List<String> concat() {
        List<String> all = new ArrayList<>(List.of(COUNTS));
        all.addAll(List.of(SUMS));
        return all;
    }

    @Override
    public Kpis kpis(UUID siteId, Instant from, Instant to, Bucket bucket, String device, String locale) {
        String unit = bucket.name().toLowerCase(Locale.ROOT);
        List<Object> args = new ArrayList<>(List.of(siteId, from, to));
        StringBuilder where = new StringBuilder("site_id = ? AND bucket >= ? AND bucket < ?");
        if (device != null && !device.isBlank()) {
            where.append(" AND device = ?");
            args.add(device);
        }
        if (locale != null && !locale.isBlank()) {
            where.append(" AND locale = ?");
            args.add(locale);
        }
        String sums =
                String.join(", ", concat().stream().map(c -> "sum(" + c + ")").toList());
        List<Point> series = new ArrayList<>();
        List<Object> seriesArgs = new ArrayList<>();
        seriesArgs.add(unit);
        seriesArgs.addAll(args);
        sql.list(
                "SELECT date_trunc(?, bucket) AS b, " + sums + " FROM personalization.kpi_rollup WHERE " + where
                        + " GROUP BY b ORDER BY b",
                rs -> series.add(new Point(rs.getObject(1, OffsetDateTime.class).toInstant(), values(rs, 2))),
                seriesArgs.toArray());
        Map<String, Values> byDevice = breakdown("device", sums, where.toString(), args);
        Map<String, Values> byLocale = breakdown("locale", sums, where.toString(), args);
        Map<String, Values> bySegment = new LinkedHashMap<>();
        sql.list(
                "SELECT segment, " + sums + " FROM personalization.kpi_segment_rollup WHERE " + where
                        + " GROUP BY segment" + " ORDER BY sum(events) DESC",
                rs -> bySegment.put(rs.getString(1), values(rs, 2)),
                args.toArray());
        Values totals = sql.one(
                        "SELECT " + sums + " FROM personalization.kpi_rollup WHERE " + where,
                        rs -> values(rs, 1),
                        args.toArray())
                .orElseThrow();
        List<RecommendationPoint> recs = sql.list(
                """
                SELECT date_trunc(?, served_at) AS b, count(*), count(rewarded_at) FROM personalization.recommendation_log
                 WHERE site_id = ? AND served_at >= ? AND served_at < ? GROUP BY b ORDER BY b""",
                rs -> new RecommendationPoint(
                        rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getLong(2), rs.getLong(3)),
                unit,
                siteId,
                from,
                to);
        long served = recs.stream().mapToLong(RecommendationPoint::served).sum();
        long rewarded = recs.stream().mapToLong(RecommendationPoint::rewarded).sum();
        Instant now = Instant.now();
        long recent = sql.one(
                        "SELECT coalesce(sum(events), 0) FROM personalization.kpi_rollup WHERE site_id = ? AND bucket >= ?",
                        rs -> rs.getLong(1),
                        siteId,
                        now.minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES))
                .orElse(0L);
        double window = Math.max(
                60,
                now.getEpochSecond()
                        - now.minus(5, ChronoUnit.MINUTES)
                                .truncatedTo(ChronoUnit.MINUTES)
                                .getEpochSecond());
        return new Kpis(
                from,
                to,
                bucket,
                totals,
                series,
                byDevice,
                byLocale,
                bySegment,
                new Recommendations(served, rewarded, served == 0 ? null : (double) rewarded / served, recs),
                recent / window);
    }

    private Map<String, Values> breakdown(String column, String sums, String where, List<Object> args) {
        Map<String, Values> out = new LinkedHashMap<>();
        sql.list(
                "SELECT " + column + ", " + sums + " FROM personalization.kpi_rollup WHERE " + where + " GROUP BY "
                        + column + " ORDER BY sum(events) DESC",
                rs -> out.put(rs.getString(1), values(rs, 2)),
                args.toArray());
        return out;
    }

    /** The values of a row of sums starting at {@code first} (counts, then sums, in column order). */
    private static Values values(ResultSet rs, int first) throws SQLException {
        long[] n = new long[COUNTS.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = rs.getLong(first + i);
        }
        double[] s = new double[SUMS.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = rs.getDouble(first + n.length + i);
        }
        return values(n, s);
    }

    static Values values(long[] n, double[] s) {
        long nps = n[4] + n[5] + n[6];
        return new Values(
                n[0],
                n[1],
                n[2],
                n[3],
                n[3] == 0 ? null : s[0] / n[3],
                n[4],
                n[5],
                n[6],
                nps == 0 ? null : 100.0 * (n[4] - n[6]) / nps,
                n[7],
                n[7] == 0 ? null : s[1] / n[7],
                n[7] == 0 ? null : (double) n[8] / n[7],
                n[9],
                n[9] == 0 ? null : s[2] / n[9],
                n[10],
                n[11],
                n[12],
                n[13],
                n[14],
                s[3],
                n[1] == 0 ? null : (double) n[2] / n[1],
                n[1] == 0 ? null : (double) n[14] / n[1]);
    }
}
