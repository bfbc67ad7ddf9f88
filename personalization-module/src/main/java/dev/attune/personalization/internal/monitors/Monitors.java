package dev.attune.personalization.internal.monitors;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.MonitorAlert;
import dev.attune.personalization.api.MonitorService;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Watches each site's feedback: a Page-Hinkley detector on its ratings (scaled to [0, 1]) and one on the sentiment of
 * its English texts (compound scaled to [0, 1]), and an EWMA monitor on its events per period. Each finding is kept,
 * fired as a {@link MonitorAlert} and logged. Detectors live in memory (per instance; they learn again after a restart).
 */
@ApplicationScoped
public class Monitors implements MonitorService {
    private static final Logger LOG = Logger.getLogger(Monitors.class.getName());

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    @Inject
    Event<MonitorAlert> fired;

    @Inject
    @ConfigProperty(name = "attune.monitors.drift-lambda", defaultValue = "12")
    double lambda;

    @Inject
    @ConfigProperty(name = "attune.monitors.drift-delta", defaultValue = "0.02")
    double delta;

    @Inject
    @ConfigProperty(name = "attune.monitors.rate-warm-up-periods", defaultValue = "10")
    int warmUp;

    private final Map<String, PageHinkley> drift = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<UUID, RateMonitor> rates = new ConcurrentHashMap<>();

    /** One stored event with what was derived from it. */
    public void observe(FeedbackReceived e, EventEnrichment derived) {
        counts.computeIfAbsent(e.siteId(), s -> new AtomicLong()).incrementAndGet();
        if ("rating".equals(e.type()) && e.value() != null) {
            check(e.siteId(), "rating_drift", (e.value().doubleValue() - 1) / 4, 1, 4, "average rating");
        }
        if (derived != null && derived.sentiment() != null) {
            check(e.siteId(), "sentiment_drift", (derived.sentiment() + 1) / 2, -1, 2, "sentiment of texts");
        }
    }

    private void check(UUID site, String kind, double scaled, double offset, double scale, String what) {
        PageHinkley detector = drift.computeIfAbsent(site + "|" + kind, k -> new PageHinkley(delta, lambda, 30));
        PageHinkley.Change change;
        synchronized (detector) {
            change = detector.add(scaled);
        }
        if (change != null) {
            double was = offset + scale * change.meanBefore();
            double now = offset + scale * change.meanAfter();
            raise(
                    site,
                    kind,
                    change.increase(),
                    String.format(
                            Locale.ROOT,
                            "The %s is %s: %.2f on average before the change, %.2f since " + "(%d values watched)",
                            what,
                            change.increase() ? "rising" : "falling",
                            was,
                            now,
                            change.seen()),
                    now,
                    was);
        }
    }

    /** Closes a counting period for every site seen: anomalies in its event count. */
    public void period(double alpha, double k, double minDeviation) {
        for (Map.Entry<UUID, AtomicLong> entry : counts.entrySet()) {
            long count = entry.getValue().getAndSet(0);
            RateMonitor monitor =
                    rates.computeIfAbsent(entry.getKey(), s -> new RateMonitor(alpha, k, minDeviation, warmUp));
            RateMonitor.Anomaly anomaly = monitor.add(count);
            if (anomaly != null) {
                raise(
                        entry.getKey(),
                        anomaly.spike() ? "rate_spike" : "rate_drop",
                        anomaly.spike(),
                        String.format(
                                Locale.ROOT,
                                "%d events in the last period where about %.0f (± %.0f) were expected",
                                count,
                                anomaly.expected(),
                                anomaly.deviation()),
                        count,
                        anomaly.expected());
            }
        }
    }

    void raise(UUID site, String kind, boolean increase, String message, double value, double expected) {
        MonitorAlert alert =
                new MonitorAlert(UUID.randomUUID(), site, kind, increase, message, value, expected, Instant.now());
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO personalization.monitor_alert (id, site_id, kind, increase, message, value, expected, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, alert.id());
            ps.setObject(2, site);
            ps.setString(3, kind);
            ps.setBoolean(4, increase);
            ps.setString(5, message);
            ps.setDouble(6, value);
            ps.setDouble(7, expected);
            ps.setTimestamp(8, Timestamp.from(alert.at()));
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Storing a monitor alert failed", e);
        }
        LOG.info(() -> "Site " + site + ": " + kind + ": " + message);
        fired.fire(alert);
    }

    @Override
    public List<MonitorAlert> alerts(UUID siteId, int limit) {
        List<MonitorAlert> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, site_id, kind, increase, message, value, expected, at FROM personalization.monitor_alert WHERE site_id = ? "
                                + "ORDER BY at DESC LIMIT ?")) {
            ps.setObject(1, siteId);
            ps.setInt(2, Math.max(1, Math.min(limit, 1000)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MonitorAlert(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getBoolean(4),
                            rs.getString(5),
                            rs.getDouble(6),
                            rs.getDouble(7),
                            rs.getTimestamp(8).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading alerts failed: " + e.getMessage(), e);
        }
    }
}
