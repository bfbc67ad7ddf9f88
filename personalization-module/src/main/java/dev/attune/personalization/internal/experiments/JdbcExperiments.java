package dev.attune.personalization.internal.experiments;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.Experiment.Variant;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Experiments, assignments and the per-unit and per-variant metric sums. */
@ApplicationScoped
public class JdbcExperiments {
    private static final String COLUMNS = "id, site_id, key, name, hypothesis, status, variants::text, traffic_percent, "
            + "metrics::text, created_at, started_at, stopped_at, auto_stop, alert, alert_at";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    /** A unit's assignment: which variant and since when. */
    public record Assignment(String variant, Instant assignedAt) {
    }

    public void insert(Experiment e) {
        update("INSERT INTO personalization.experiment (id, site_id, key, name, hypothesis, variants, traffic_percent, metrics, auto_stop) "
                + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?)", e.id(), e.siteId(), e.key(), e.name(), e.hypothesis(),
                variantsJson(e.variants()), e.trafficPercent(), metricsJson(e.metrics()), e.autoStop());
    }

    public List<Experiment> list(UUID siteId) {
        return query("SELECT " + COLUMNS + " FROM personalization.experiment WHERE site_id = ? ORDER BY created_at DESC", siteId);
    }

    /** Every running experiment of every site (the guard's round). */
    public List<Experiment> allRunning() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM personalization.experiment WHERE status = 'running'")) {
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(UUID.fromString(rs.getString(1)));
                }
            }
            List<Experiment> all = new ArrayList<>();
            ids.forEach(id -> find(id).ifPresent(all::add));
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading running experiments failed: " + e.getMessage(), e);
        }
    }

    /** Sets the experiment's alert (null clears it); true when it changed. */
    public boolean setAlert(UUID id, String alert) {
        return update("UPDATE personalization.experiment SET alert = ?, alert_at = CASE WHEN ? IS NULL THEN NULL ELSE now() END "
                + "WHERE id = ? AND alert IS DISTINCT FROM ?", alert, alert, id, alert) == 1;
    }

    public List<Experiment> running(UUID siteId) {
        return query("SELECT " + COLUMNS + " FROM personalization.experiment WHERE site_id = ? AND status = 'running' ORDER BY key", siteId);
    }

    public Optional<Experiment> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM personalization.experiment WHERE id = ?", id).stream().findFirst();
    }

    public void setStatus(UUID id, Experiment.Status status) {
        String stamp = switch (status) {
            case RUNNING -> ", started_at = now()";
            case STOPPED, SHIPPED -> ", stopped_at = coalesce(stopped_at, now())";
            default -> "";
        };
        update("UPDATE personalization.experiment SET status = ?" + stamp + " WHERE id = ?", status.name().toLowerCase(Locale.ROOT), id);
    }

    /** Records the unit's assignment unless it has one; answers the one that holds. */
    public Assignment assign(UUID experimentId, String unit, String variant) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     WITH new AS (
                         INSERT INTO personalization.assignment (experiment_id, unit, variant) VALUES (?, ?, ?)
                         ON CONFLICT DO NOTHING RETURNING variant, assigned_at)
                     SELECT variant, assigned_at FROM new
                     UNION ALL
                     SELECT variant, assigned_at FROM personalization.assignment WHERE experiment_id = ? AND unit = ?
                     LIMIT 1""")) {
            ps.setObject(1, experimentId);
            ps.setString(2, unit);
            ps.setString(3, variant);
            ps.setObject(4, experimentId);
            ps.setString(5, unit);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Assignment(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Assigning failed: " + e.getMessage(), e);
        }
    }

    public Optional<Assignment> assignment(UUID experimentId, String unit) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT variant, assigned_at FROM personalization.assignment WHERE experiment_id = ? AND unit = ?")) {
            ps.setObject(1, experimentId);
            ps.setString(2, unit);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Assignment(rs.getString(1), rs.getTimestamp(2).toInstant())) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading an assignment failed: " + e.getMessage(), e);
        }
    }

    public Map<String, Long> unitsPerVariant(UUID experimentId) {
        Map<String, Long> units = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT variant, count(*) FROM personalization.assignment WHERE experiment_id = ? GROUP BY variant")) {
            ps.setObject(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    units.put(rs.getString(1), rs.getLong(2));
                }
            }
            return units;
        } catch (SQLException e) {
            throw new IllegalStateException("Counting assignments failed: " + e.getMessage(), e);
        }
    }

    /** Per metric and variant: units with a value, sum and sum of squares of their values. */
    public record Total(String metric, String variant, long units, double sum, double sumSquares) {
    }

    public List<Total> totals(UUID experimentId) {
        List<Total> totals = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT metric, variant, units, sum, sum_squares FROM personalization.metric_total WHERE experiment_id = ?")) {
            ps.setObject(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.add(new Total(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5)));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading metric totals failed: " + e.getMessage(), e);
        }
    }

    /**
     * Adds one event's value to a unit's metric and moves the variant's sums by the change of the unit's value, in
     * one transaction under the unit row's lock: no rescans, and a redelivered event is kept out by the caller.
     */
    public void addToMetric(UUID experimentId, Metric metric, String unit, String variant, double value) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                double oldRaw = 0;
                int oldEvents = 0;
                boolean existed = false;
                try (PreparedStatement ps = c.prepareStatement("SELECT value, events FROM personalization.metric_unit "
                        + "WHERE experiment_id = ? AND metric = ? AND unit = ? FOR UPDATE")) {
                    ps.setObject(1, experimentId);
                    ps.setString(2, metric.key());
                    ps.setString(3, unit);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            existed = true;
                            oldRaw = rs.getDouble(1);
                            oldEvents = rs.getInt(2);
                        }
                    }
                }
                double newRaw = switch (metric.kind()) {
                    case CONVERSION -> 1;
                    case NPS -> value; // the latest answer counts
                    default -> oldRaw + value;
                };
                int newEvents = oldEvents + 1;
                double oldValue = !existed ? 0 : unitValue(metric, oldRaw, oldEvents);
                double newValue = unitValue(metric, newRaw, newEvents);
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO personalization.metric_unit (experiment_id, metric, unit, variant, value, events) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (experiment_id, metric, unit) DO UPDATE SET value = EXCLUDED.value, events = EXCLUDED.events""")) {
                    ps.setObject(1, experimentId);
                    ps.setString(2, metric.key());
                    ps.setString(3, unit);
                    ps.setString(4, variant);
                    ps.setDouble(5, newRaw);
                    ps.setInt(6, newEvents);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO personalization.metric_total AS t (experiment_id, metric, variant, units, sum, sum_squares)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (experiment_id, metric, variant) DO UPDATE SET units = t.units + EXCLUDED.units,
                            sum = t.sum + EXCLUDED.sum, sum_squares = t.sum_squares + EXCLUDED.sum_squares""")) {
                    ps.setObject(1, experimentId);
                    ps.setString(2, metric.key());
                    ps.setString(3, variant);
                    ps.setLong(4, existed ? 0 : 1);
                    ps.setDouble(5, newValue - oldValue);
                    ps.setDouble(6, newValue * newValue - oldValue * oldValue);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    static double unitValue(Metric metric, double raw, int events) {
        return switch (metric.kind()) {
            case CONVERSION -> raw > 0 ? 1 : 0;
            case SUM -> raw;
            case MEAN -> events == 0 ? 0 : raw / events;
            case NPS -> raw >= 9 ? 1 : raw >= 7 ? 0 : -1;
        };
    }

    /** Marks an event as counted for experiments; false when it was counted before (a redelivery). */
    public boolean firstTime(UUID siteId, UUID eventId) {
        // its own key space beside the rating statistics' marks: a name-based id derived from the event's
        UUID mark = UUID.nameUUIDFromBytes(("experiments:" + eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return update("INSERT INTO personalization.applied_event (site_id, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                siteId, mark) == 1;
    }

    static String variantsJson(List<Variant> variants) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (Variant v : variants) {
            var o = JSON.createObjectBuilder().add("key", v.key()).add("weight", v.weight());
            if (v.payloadJson() != null) {
                o.add("payload", JSON.createReader(new StringReader(v.payloadJson())).readValue());
            }
            a.add(o);
        }
        return a.build().toString();
    }

    static String metricsJson(List<Metric> metrics) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        metrics.forEach(m -> a.add(JSON.createObjectBuilder().add("key", m.key()).add("kind", m.kind().name().toLowerCase(Locale.ROOT))
                .add("eventType", m.eventType()).add("windowHours", m.windowHours()).add("guardrail", m.guardrail())));
        return a.build().toString();
    }

    private List<Experiment> query(String sql, UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            List<Experiment> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Variant> variants = new ArrayList<>();
                    for (JsonValue v : JSON.createReader(new StringReader(rs.getString(7))).readArray()) {
                        JsonObject o = v.asJsonObject();
                        variants.add(new Variant(o.getString("key"), o.getInt("weight"), o.containsKey("payload") ? o.get("payload").toString() : null));
                    }
                    List<Metric> metrics = new ArrayList<>();
                    for (JsonValue v : JSON.createReader(new StringReader(rs.getString(9))).readArray()) {
                        JsonObject o = v.asJsonObject();
                        metrics.add(new Metric(o.getString("key"), Metric.Kind.valueOf(o.getString("kind").toUpperCase(Locale.ROOT)),
                                o.getString("eventType"), o.getInt("windowHours"), o.getBoolean("guardrail", false)));
                    }
                    rows.add(new Experiment(UUID.fromString(rs.getString(1)), UUID.fromString(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), Experiment.Status.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)),
                            List.copyOf(variants), rs.getInt(8), List.copyOf(metrics), instant(rs.getTimestamp(10)),
                            instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)), rs.getBoolean(13), rs.getString(14),
                            instant(rs.getTimestamp(15))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading experiments failed: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw dev.attune.platform.api.InvalidInputException.of("key", "another experiment of this site has this key");
            }
            throw new IllegalStateException("Storing an experiment failed: " + e.getMessage(), e);
        }
    }
}
