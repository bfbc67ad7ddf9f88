package dev.attune.personalization.internal.experiments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A batch's changes to the variants' metric sums ({@code metric_total}), added up per row and written once, in row
 * order, at the end of the experiment stage. Written in one order, two relay workers counting into the same rows wait
 * for each other instead of deadlocking, and each row is locked only from the end of the stage to the commit.
 */
final class MetricTotals {

    /** The row a change goes to. */
    record Key(UUID experimentId, String metric, String variant, String device, int stripe) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::experimentId)
                .thenComparing(Key::metric)
                .thenComparing(Key::variant)
                .thenComparing(Key::device, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparingInt(Key::stripe);
    }

    /** How one unit's metric change moves its variant's sums. */
    record Change(
            Key key,
            long units,
            double sum,
            double sumSquares,
            double sumDen,
            double sumDenSquares,
            double sumCross,
            double sumPreCross) {
        Change plus(Change o) {
            return new Change(
                    key,
                    units + o.units,
                    sum + o.sum,
                    sumSquares + o.sumSquares,
                    sumDen + o.sumDen,
                    sumDenSquares + o.sumDenSquares,
                    sumCross + o.sumCross,
                    sumPreCross + o.sumPreCross);
        }
    }

    private final Map<Key, Change> changes = new TreeMap<>(Key.ORDER);

    void add(Change change) {
        changes.merge(change.key(), change, Change::plus);
    }

    boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The added-up changes, one upsert per row in row order (one round trip). */
    void write(Connection c) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO personalization.metric_total AS t (experiment_id, metric, variant, device, stripe, units, sum, sum_squares,
                    sum_den, sum_den_squares, sum_cross, sum_pre_cross)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (experiment_id, metric, variant, device, stripe) DO UPDATE SET units = t.units + EXCLUDED.units,
                    sum = t.sum + EXCLUDED.sum, sum_squares = t.sum_squares + EXCLUDED.sum_squares,
                    sum_den = t.sum_den + EXCLUDED.sum_den, sum_den_squares = t.sum_den_squares + EXCLUDED.sum_den_squares,
                    sum_cross = t.sum_cross + EXCLUDED.sum_cross, sum_pre_cross = t.sum_pre_cross + EXCLUDED.sum_pre_cross""")) {
            for (Change x : changes.values()) {
                Key k = x.key();
                ps.setObject(1, k.experimentId());
                ps.setString(2, k.metric());
                ps.setString(3, k.variant());
                ps.setString(4, k.device());
                ps.setInt(5, k.stripe());
                ps.setLong(6, x.units());
                ps.setDouble(7, x.sum());
                ps.setDouble(8, x.sumSquares());
                ps.setDouble(9, x.sumDen());
                ps.setDouble(10, x.sumDenSquares());
                ps.setDouble(11, x.sumCross());
                ps.setDouble(12, x.sumPreCross());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
