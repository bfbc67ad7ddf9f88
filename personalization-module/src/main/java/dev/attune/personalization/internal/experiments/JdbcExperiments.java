package dev.attune.personalization.internal.experiments;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.personalization.api.Experiment;
import dev.attune.personalization.api.Experiment.Definition;
import dev.attune.personalization.api.Experiment.Metric;
import dev.attune.personalization.api.ExperimentResults;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import dev.attune.platform.api.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Experiments, assignments (exposures) and the per-unit and per-variant metric sums, kept incrementally: results read
 * a few rows per variant and device, never the assignments or events themselves.
 */
@ApplicationScoped
public class JdbcExperiments {
    private static final String COLUMNS =
            "id, site_id, key, name, hypothesis, status, variants::text, traffic_percent, "
                    + "metrics::text, created_at, started_at, stopped_at, auto_stop, alert, alert_at, mode, targeting::text, layer, "
                    + "layer_from, start_at, stop_at, live_weights::text, weights_at";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    /** A unit's assignment: which variant, since when, on which device; {@code created}: this call made it. */
    public record Assignment(String variant, Instant assignedAt, String device, boolean created) {}

    /** Creates the experiment; in a layer, refused when its buckets overlap another draft or running experiment's there. */
    public void insert(Experiment e) {
        inLayerLock(e.siteId(), e.definition(), null, c -> {
            Definition d = e.definition();
            execute(
                    c,
                    "INSERT INTO personalization.experiment (id, site_id, key, name, hypothesis, variants, traffic_percent, metrics, "
                            + "auto_stop, mode, targeting, layer, layer_from, start_at, stop_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, "
                            + "?::jsonb, ?, ?, ?, ?)",
                    e.id(),
                    e.siteId(),
                    d.key(),
                    d.name(),
                    d.hypothesis(),
                    DefinitionJson.variants(d.variants()).build().toString(),
                    d.trafficPercent(),
                    DefinitionJson.metrics(d.metrics()).build().toString(),
                    d.autoStop(),
                    d.mode().name().toLowerCase(Locale.ROOT),
                    DefinitionJson.targeting(d.targeting()).build().toString(),
                    d.layer() == null ? null : d.layer().name(),
                    d.layer() == null ? null : d.layer().from(),
                    timestamp(d.startAt()),
                    timestamp(d.stopAt()));
        });
    }

    /** Replaces the definition (the service decided what may change); the same layer check as creating. */
    public void update(Experiment e, Definition d) {
        inLayerLock(
                e.siteId(),
                d,
                e.id(),
                c -> execute(
                        c,
                        "UPDATE personalization.experiment SET key = ?, name = ?, hypothesis = ?, "
                                + "variants = ?::jsonb, traffic_percent = ?, metrics = ?::jsonb, auto_stop = ?, mode = ?, targeting = ?::jsonb, layer = ?, "
                                + "layer_from = ?, start_at = ?, stop_at = ?, updated_at = now() WHERE id = ?",
                        d.key(),
                        d.name(),
                        d.hypothesis(),
                        DefinitionJson.variants(d.variants()).build().toString(),
                        d.trafficPercent(),
                        DefinitionJson.metrics(d.metrics()).build().toString(),
                        d.autoStop(),
                        d.mode().name().toLowerCase(Locale.ROOT),
                        DefinitionJson.targeting(d.targeting()).build().toString(),
                        d.layer() == null ? null : d.layer().name(),
                        d.layer() == null ? null : d.layer().from(),
                        timestamp(d.startAt()),
                        timestamp(d.stopAt()),
                        e.id()));
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inLayerLock(UUID siteId, Definition d, UUID self, Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (d.layer() != null) {
                    execute(
                            c,
                            "SELECT pg_advisory_xact_lock(hashtext(?))",
                            "experiment-layer:" + siteId + ":" + d.layer().name());
                    List<Experiment> others = new ArrayList<>();
                    for (Experiment o : query(
                            c,
                            "SELECT " + COLUMNS + " FROM personalization.experiment WHERE site_id = ? AND layer = ? "
                                    + "AND status IN ('draft', 'running')",
                            siteId,
                            d.layer().name())) {
                        if (!o.id().equals(self)) {
                            others.add(o);
                        }
                    }
                    FieldError overlap = Definitions.overlap(d, others);
                    if (overlap != null) {
                        throw new InvalidInputException(409, "Overlapping experiments in one layer", List.of(overlap));
                    }
                }
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw InvalidInputException.of("key", "another experiment of this site has this key");
            }
            throw new IllegalStateException("Storing an experiment failed: " + e.getMessage(), e);
        }
    }

    public List<Experiment> list(UUID siteId) {
        return query(
                "SELECT " + COLUMNS + " FROM personalization.experiment WHERE site_id = ? ORDER BY created_at DESC",
                siteId);
    }

    /** Every running experiment of every site (the guard's round). */
    public List<Experiment> allRunning() {
        return query("SELECT " + COLUMNS + " FROM personalization.experiment WHERE status = 'running' ORDER BY id");
    }

    /** Drafts whose scheduled start has come. */
    public List<Experiment> dueToStart(Instant now) {
        return query(
                "SELECT " + COLUMNS + " FROM personalization.experiment WHERE status = 'draft' AND start_at <= ?",
                timestamp(now));
    }

    /** Running experiments whose scheduled stop has come. */
    public List<Experiment> dueToStop(Instant now) {
        return query(
                "SELECT " + COLUMNS + " FROM personalization.experiment WHERE status = 'running' AND stop_at <= ?",
                timestamp(now));
    }

    /** Sets the experiment's alert (null clears it); true when it changed. */
    public boolean setAlert(UUID id, String alert) {
        return update(
                        "UPDATE personalization.experiment SET alert = ?, alert_at = CASE WHEN ? IS NULL THEN NULL ELSE now() END "
                                + "WHERE id = ? AND alert IS DISTINCT FROM ?",
                        alert,
                        alert,
                        id,
                        alert)
                == 1;
    }

    /** A bandit's new allocation (basis points per variant). */
    public void setLiveWeights(UUID id, int[] basisPoints) {
        JsonArrayBuilder a = JSON.createArrayBuilder();
        for (int bp : basisPoints) {
            a.add(bp);
        }
        update(
                "UPDATE personalization.experiment SET live_weights = ?::jsonb, weights_at = now() WHERE id = ?",
                a.build().toString(),
                id);
    }

    public List<Experiment> running(UUID siteId) {
        return query(
                "SELECT " + COLUMNS
                        + " FROM personalization.experiment WHERE site_id = ? AND status = 'running' ORDER BY key",
                siteId);
    }

    /** The event types the site's draft and running experiments measure (their events feed the CUPED pre-period). */
    public Set<String> measuredEventTypes(UUID siteId) {
        Set<String> types = new HashSet<>();
        for (Experiment e : query(
                "SELECT " + COLUMNS
                        + " FROM personalization.experiment WHERE site_id = ? AND status IN ('draft', 'running')",
                siteId)) {
            for (Metric m : e.metrics()) {
                types.add(m.eventType());
                if (m.denominatorEventType() != null) {
                    types.add(m.denominatorEventType());
                }
            }
        }
        return types;
    }

    public Optional<Experiment> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM personalization.experiment WHERE id = ?", id).stream()
                .findFirst();
    }

    /** Moves the status; false when another caller moved it first (the status was no longer {@code from}). */
    public boolean setStatus(UUID id, Experiment.Status from, Experiment.Status status) {
        String stamp = switch (status) {
            case RUNNING -> ", started_at = now()";
            case STOPPED, SHIPPED -> ", stopped_at = coalesce(stopped_at, now())";
            default -> "";
        };
        return update(
                        "UPDATE personalization.experiment SET status = ?" + stamp + " WHERE id = ? AND status = ?",
                        status.name().toLowerCase(Locale.ROOT),
                        id,
                        from.name().toLowerCase(Locale.ROOT))
                == 1;
    }

    /**
     * Records the unit's assignment unless it has one and answers the one that holds. A new one counts as an exposure
     * of its variant and device, and brings the unit's pre-exposure values of the metrics CUPED can use (its activity
     * in the {@code preDays} days before today), all in one transaction.
     */
    public Assignment assign(Experiment e, String unit, String variant, String device, int preDays) {
        try (Connection c = dataSource.getConnection()) {
            Assignment fresh = Sql.inTransaction(c, tx -> {
                Assignment a;
                try (PreparedStatement ps = tx.prepareStatement(
                        "INSERT INTO personalization.assignment (experiment_id, unit, variant, device) "
                                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING assigned_at")) {
                    ps.setObject(1, e.id());
                    ps.setString(2, unit);
                    ps.setString(3, variant);
                    ps.setString(4, device);
                    try (ResultSet rs = ps.executeQuery()) {
                        a = rs.next()
                                ? new Assignment(variant, rs.getTimestamp(1).toInstant(), device, true)
                                : null;
                    }
                }
                if (a == null) {
                    return null; // assigned before: read after this transaction ends
                }
                execute(
                        tx,
                        "INSERT INTO personalization.exposure_total AS t (experiment_id, variant, device, stripe, units) VALUES (?, ?, ?, ?, 1) "
                                + "ON CONFLICT (experiment_id, variant, device, stripe) DO UPDATE SET units = t.units + 1",
                        e.id(),
                        variant,
                        device,
                        stripe(unit));
                recordCovariates(tx, e, unit, a, preDays);
                return a;
            });
            return fresh != null ? fresh : assignment(c, e.id(), unit).orElseThrow();
        } catch (SQLException ex) {
            throw new IllegalStateException("Assigning failed: " + ex.getMessage(), ex);
        }
    }

    private void recordCovariates(Connection c, Experiment e, String unit, Assignment a, int preDays)
            throws SQLException {
        Map<String, double[]> activity = new HashMap<>();
        List<Metric> adjustable =
                e.metrics().stream().filter(JdbcExperiments::cupedApplies).toList();
        if (adjustable.isEmpty() || preDays <= 0) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(a.assignedAt(), ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT event_type, sum(events), sum(value_sum) FROM personalization.subject_activity "
                        + "WHERE site_id = ? AND subject = ? AND event_type = ANY (?) AND day >= ? AND day < ? GROUP BY event_type")) {
            ps.setObject(1, e.siteId());
            ps.setString(2, unit);
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "text",
                            adjustable.stream()
                                    .map(Metric::eventType)
                                    .distinct()
                                    .toArray()));
            ps.setObject(4, today.minusDays(preDays));
            ps.setObject(5, today);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    activity.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
                }
            }
        }
        for (Metric m : adjustable) {
            double[] act = activity.get(m.eventType());
            double pre = act == null ? 0 : m.kind() == Metric.Kind.CONVERSION ? (act[0] > 0 ? 1 : 0) : act[1];
            if (pre == 0) {
                continue;
            }
            execute(
                    c,
                    "INSERT INTO personalization.metric_unit (experiment_id, metric, unit, variant, device, value, events, pre) "
                            + "VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
                    e.id(),
                    m.key(),
                    unit,
                    a.variant(),
                    a.device(),
                    pre);
            execute(
                    c,
                    "INSERT INTO personalization.metric_total AS t (experiment_id, metric, variant, device, stripe, units, sum, sum_squares, "
                            + "sum_pre, sum_pre_squares) VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?, ?) ON CONFLICT (experiment_id, metric, variant, device, stripe) "
                            + "DO UPDATE SET sum_pre = t.sum_pre + EXCLUDED.sum_pre, sum_pre_squares = t.sum_pre_squares + EXCLUDED.sum_pre_squares",
                    e.id(),
                    m.key(),
                    a.variant(),
                    a.device(),
                    stripe(unit),
                    pre,
                    pre * pre);
        }
    }

    /** Which of a total's 16 rows a unit updates: concurrent writers of one variant seldom wait for each other. */
    static int stripe(String unit) {
        return Math.floorMod(unit.hashCode(), 16);
    }

    /** CUPED adjusts metrics whose value every exposed unit has (zero when it did nothing): conversion and sum. */
    static boolean cupedApplies(Metric m) {
        return m.kind() == Metric.Kind.CONVERSION || m.kind() == Metric.Kind.SUM;
    }

    public Optional<Assignment> assignment(UUID experimentId, String unit) {
        try (Connection c = dataSource.getConnection()) {
            return assignment(c, experimentId, unit);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading an assignment failed: " + e.getMessage(), e);
        }
    }

    private static Optional<Assignment> assignment(Connection c, UUID experimentId, String unit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT variant, assigned_at, device FROM personalization.assignment WHERE experiment_id = ? AND unit = ?")) {
            ps.setObject(1, experimentId);
            ps.setString(2, unit);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Assignment(
                                rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), false))
                        : Optional.empty();
            }
        }
    }

    /** Exposed units of one variant on one device class. */
    public record Exposures(String variant, String device, long units) {}

    public List<Exposures> exposures(UUID experimentId) {
        List<Exposures> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT variant, device, sum(units) FROM personalization.exposure_total WHERE experiment_id = ? GROUP BY variant, device")) {
            ps.setObject(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Exposures(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Counting exposures failed: " + e.getMessage(), e);
        }
    }

    /**
     * Per metric, variant and device: units with a value, the sum and sum of squares of unit values, the ratio
     * denominator's sums and cross product, and the CUPED covariate's sums and product with the value.
     */
    public record Total(
            String metric,
            String variant,
            String device,
            long units,
            double sum,
            double sumSquares,
            double sumDen,
            double sumDenSquares,
            double sumCross,
            double sumPre,
            double sumPreSquares,
            double sumPreCross) {
        Total plus(Total o) {
            return new Total(
                    metric,
                    variant,
                    "all",
                    units + o.units,
                    sum + o.sum,
                    sumSquares + o.sumSquares,
                    sumDen + o.sumDen,
                    sumDenSquares + o.sumDenSquares,
                    sumCross + o.sumCross,
                    sumPre + o.sumPre,
                    sumPreSquares + o.sumPreSquares,
                    sumPreCross + o.sumPreCross);
        }

        static Total zero(String metric, String variant, String device) {
            return new Total(metric, variant, device, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
    }

    public List<Total> totals(UUID experimentId) {
        List<Total> totals = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT metric, variant, device, sum(units), sum(sum), sum(sum_squares), sum(sum_den), sum(sum_den_squares), sum(sum_cross), "
                                + "sum(sum_pre), sum(sum_pre_squares), sum(sum_pre_cross) FROM personalization.metric_total WHERE experiment_id = ? "
                                + "GROUP BY metric, variant, device")) {
            ps.setObject(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.add(new Total(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getDouble(5),
                            rs.getDouble(6),
                            rs.getDouble(7),
                            rs.getDouble(8),
                            rs.getDouble(9),
                            rs.getDouble(10),
                            rs.getDouble(11),
                            rs.getDouble(12)));
                }
            }
            return totals;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading metric totals failed: " + e.getMessage(), e);
        }
    }

    /**
     * Adds one event to a unit's metric (to the denominator of a ratio metric when {@code denominator}) under the unit
     * row's lock, in the caller's transaction, and adds the change of the unit's value to the variant's sums in
     * {@code totals}, which the caller writes with {@link #addToTotals} in the same transaction: no rescans.
     */
    public void addToMetric(
            UUID experimentId,
            Metric metric,
            String unit,
            Assignment a,
            double value,
            boolean denominator,
            MetricTotals totals)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Sql.inTransaction(c, tx -> {
                double oldRaw = 0;
                double oldDen = 0;
                double pre = 0;
                int oldEvents = 0;
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT value, events, den, pre FROM personalization.metric_unit "
                                + "WHERE experiment_id = ? AND metric = ? AND unit = ? FOR UPDATE")) {
                    ps.setObject(1, experimentId);
                    ps.setString(2, metric.key());
                    ps.setString(3, unit);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            oldRaw = rs.getDouble(1);
                            oldEvents = rs.getInt(2);
                            oldDen = rs.getDouble(3);
                            pre = rs.getDouble(4);
                        }
                    }
                }
                double newRaw = oldRaw;
                double newDen = oldDen;
                int newEvents = oldEvents;
                if (denominator) {
                    newDen = oldDen + 1;
                } else {
                    newEvents = oldEvents + 1;
                    newRaw = switch (metric.kind()) {
                        case CONVERSION -> 1;
                        case NPS -> value; // the latest answer counts
                        default -> oldRaw + value;
                    };
                }
                // a row made at exposure carries only the covariate: it holds no value until the unit's first event
                boolean hadValue = oldEvents > 0 || oldDen > 0;
                double oldValue = hadValue ? unitValue(metric, oldRaw, oldEvents) : 0;
                double newValue = newEvents > 0 || newDen > 0 ? unitValue(metric, newRaw, newEvents) : 0;
                execute(c, """
                        INSERT INTO personalization.metric_unit (experiment_id, metric, unit, variant, device, value, events, den)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (experiment_id, metric, unit) DO UPDATE SET value = EXCLUDED.value, events = EXCLUDED.events,
                            den = EXCLUDED.den""", experimentId, metric.key(), unit, a.variant(), a.device(), newRaw, newEvents, newDen);
                totals.add(new MetricTotals.Change(
                        new MetricTotals.Key(experimentId, metric.key(), a.variant(), a.device(), stripe(unit)),
                        hadValue || !(newEvents > 0 || newDen > 0) ? 0 : 1,
                        newValue - oldValue,
                        newValue * newValue - oldValue * oldValue,
                        newDen - oldDen,
                        newDen * newDen - oldDen * oldDen,
                        newValue * newDen - oldValue * oldDen,
                        pre * (newValue - oldValue)));
                return null;
            });
        }
    }

    /** The variants' sums moved by a batch's metric changes, in the caller's transaction. */
    void addToTotals(MetricTotals totals) throws SQLException {
        if (totals.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            totals.write(c);
        }
    }

    static double unitValue(Metric metric, double raw, int events) {
        return switch (metric.kind()) {
            case CONVERSION -> raw > 0 ? 1 : 0;
            case SUM, RATIO -> raw;
            case MEAN -> events == 0 ? 0 : raw / events;
            case NPS -> events == 0 ? 0 : raw >= 9 ? 1 : raw >= 7 ? 0 : -1;
        };
    }

    /** One event of a subject into the day's activity (the pre-period CUPED reads at the subject's next exposures). */
    public void recordActivity(UUID siteId, String subject, String eventType, Instant at, double value) {
        update(
                "INSERT INTO personalization.subject_activity AS a (site_id, subject, event_type, day, events, value_sum) "
                        + "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (site_id, subject, event_type, day) "
                        + "DO UPDATE SET events = a.events + 1, value_sum = a.value_sum + EXCLUDED.value_sum",
                siteId,
                subject,
                eventType,
                LocalDate.ofInstant(at, ZoneOffset.UTC),
                value);
    }

    /** Forgets a subject's activity (analytics consent withdrawn). */
    public int forgetActivity(UUID siteId, String subject) {
        return update(
                "DELETE FROM personalization.subject_activity WHERE site_id = ? AND subject = ?", siteId, subject);
    }

    public int holdoutPercent(UUID siteId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT holdout_percent FROM personalization.experiment_settings WHERE site_id = ?")) {
            ps.setObject(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading experiment settings failed: " + e.getMessage(), e);
        }
    }

    public void setHoldoutPercent(UUID siteId, int percent) {
        update(
                "INSERT INTO personalization.experiment_settings (site_id, holdout_percent) VALUES (?, ?) ON CONFLICT (site_id) "
                        + "DO UPDATE SET holdout_percent = EXCLUDED.holdout_percent, updated_at = now()",
                siteId,
                percent);
    }

    /** When the experiment's results were last snapshotted (null: never). */
    public Instant lastSnapshot(UUID experimentId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT max(taken_at) FROM personalization.experiment_snapshot WHERE experiment_id = ?")) {
            ps.setObject(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return instant(rs.getTimestamp(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading snapshots failed: " + e.getMessage(), e);
        }
    }

    public void snapshot(UUID experimentId, List<ExperimentResults.Snapshot> rows) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO personalization.experiment_snapshot (experiment_id, taken_at, metric, variant, units, mean, effect, lower, upper, "
                                + "chance_to_win) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (ExperimentResults.Snapshot s : rows) {
                ps.setObject(1, experimentId);
                ps.setTimestamp(2, timestamp(s.takenAt()));
                ps.setString(3, s.metric());
                ps.setString(4, s.variant());
                ps.setLong(5, s.units());
                ps.setDouble(6, s.mean());
                ps.setObject(7, finite(s.effect()));
                ps.setObject(8, finite(s.lower()));
                ps.setObject(9, finite(s.upper()));
                ps.setObject(10, finite(s.chanceToWin()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing a snapshot failed: " + e.getMessage(), e);
        }
    }

    private static Double finite(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }

    public List<ExperimentResults.Snapshot> history(UUID experimentId) {
        List<ExperimentResults.Snapshot> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT taken_at, metric, variant, units, mean, effect, lower, upper, chance_to_win FROM personalization.experiment_snapshot "
                                + "WHERE experiment_id = ? ORDER BY taken_at, metric, variant")) {
            ps.setObject(1, experimentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ExperimentResults.Snapshot(
                            rs.getTimestamp(1).toInstant(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getDouble(5),
                            (Double) rs.getObject(6),
                            (Double) rs.getObject(7),
                            (Double) rs.getObject(8),
                            (Double) rs.getObject(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading snapshots failed: " + e.getMessage(), e);
        }
    }

    private List<Experiment> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading experiments failed: " + e.getMessage(), e);
        }
    }

    private static List<Experiment> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Experiment> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String layer = rs.getString(18);
                    Definition d = new Definition(
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            Experiment.Mode.valueOf(rs.getString(16).toUpperCase(Locale.ROOT)),
                            DefinitionJson.variants(rs.getString(7)),
                            rs.getInt(8),
                            DefinitionJson.targeting(rs.getString(17)),
                            layer == null ? null : new Experiment.Layer(layer, rs.getInt(19)),
                            DefinitionJson.metrics(rs.getString(9)),
                            rs.getBoolean(13),
                            instant(rs.getTimestamp(20)),
                            instant(rs.getTimestamp(21)));
                    List<Integer> weights = null;
                    if (rs.getString(22) != null) {
                        JsonArray a = JSON.createReader(new StringReader(rs.getString(22)))
                                .readArray();
                        weights = a.getValuesAs(JsonNumber.class).stream()
                                .map(JsonNumber::intValue)
                                .toList();
                    }
                    rows.add(new Experiment(
                            UUID.fromString(rs.getString(1)),
                            UUID.fromString(rs.getString(2)),
                            Experiment.Status.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)),
                            d,
                            instant(rs.getTimestamp(10)),
                            instant(rs.getTimestamp(11)),
                            instant(rs.getTimestamp(12)),
                            rs.getString(14),
                            instant(rs.getTimestamp(15)),
                            weights,
                            instant(rs.getTimestamp(23))));
                }
            }
            return rows;
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.execute();
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing experiment data failed: " + e.getMessage(), e);
        }
    }
}
