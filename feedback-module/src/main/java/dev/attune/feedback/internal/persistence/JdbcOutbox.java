package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Reads and settles outbox rows; rows being published by another instance are skipped, never waited for. */
@ApplicationScoped
public class JdbcOutbox {

    /** A taken row: its event, and whether it was in the live lane. */
    public record Pending(long id, int attempts, boolean live, FeedbackReceived event) {}

    @Inject
    FeedbackDataSource db;

    /**
     * Takes the oldest due rows of subjects in the partition (of {@code partitions}, by a hash of the subject id) in
     * the caller's transaction, skipping rows another publisher holds: up to {@code liveLimit} rows of the live lane
     * (events a visitor is waiting on) or, only when none of those is due, up to {@code bulkLimit} rows of any lane.
     * Taking deletes them, in the one statement that reads them: the deletion is what the derived writes of the
     * caller's transaction commit with (a rollback brings the rows back).
     * <p>That commit need not wait for its WAL flush: a crash that loses it loses the deletion with the derived writes
     * (one transaction), so the rows come back and are published again; and any later synchronous commit (every stored
     * event's) flushes the WAL past it.
     */
    public List<Pending> take(int liveLimit, int bulkLimit, int partition, int partitions) throws SQLException {
        String due = "(retry_at IS NULL OR retry_at <= now())"
                + (partitions <= 1
                        ? ""
                        : " AND (hashtext(subject_id) & 2147483647) % " + partitions + " = " + partition);
        return db.inTransaction(c -> take(c, """
                WITH live AS (
                    SELECT id FROM feedback.outbox WHERE live AND %1$s ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED
                ), bulk AS (
                    SELECT id FROM feedback.outbox WHERE NOT EXISTS (SELECT 1 FROM live) AND %1$s
                    ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED
                ), chosen AS (
                    SELECT id FROM live UNION ALL SELECT id FROM bulk
                )""".formatted(due), liveLimit, bulkLimit));
    }

    /** Takes one row like {@link #take}; empty when it is gone (taken meanwhile) or another publisher holds it. */
    public Optional<Pending> takeOne(long id) throws SQLException {
        return db.inTransaction(c -> take(c, """
                WITH chosen AS (
                    SELECT id FROM feedback.outbox WHERE id = ? FOR UPDATE SKIP LOCKED
                )""", id)).stream().findFirst();
    }

    /** A failed try, in a transaction of its own: retried after 2^attempts seconds. */
    public void recordFailure(long id, String error) throws SQLException {
        db.inTransaction(c -> {
            recordFailure(c, EVENTS, id, error);
            return null;
        });
    }

    /** The rows a WITH list ending in a CTE named {@code chosen} selects (with these parameters), deleted and returned. */
    private static List<Pending> take(Connection c, String chosen, long... parameters) throws SQLException {
        // set_config(..., true) is SET LOCAL: see take(int, int, int, int) for why this commit may be asynchronous
        try (PreparedStatement ps = c.prepareStatement(chosen + """
                , taken AS (
                    DELETE FROM feedback.outbox WHERE id IN (SELECT id FROM chosen)
                    RETURNING id, attempts, live, event_id, site_id, type, subject_id, item_id, value, text, properties,
                              context, occurred_at, received_at
                )
                SELECT id, attempts, live, event_id, site_id, type, subject_id, item_id, value, text, properties::text,
                       context::text, occurred_at, received_at, set_config('synchronous_commit', 'off', true)
                FROM taken ORDER BY id""")) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setLong(i + 1, parameters[i]);
            }
            List<Pending> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(
                            rs.getLong(1),
                            rs.getInt(2),
                            rs.getBoolean(3),
                            new FeedbackReceived(
                                    UUID.fromString(rs.getString(4)),
                                    UUID.fromString(rs.getString(5)),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getBigDecimal(9),
                                    rs.getString(10),
                                    rs.getString(11),
                                    rs.getString(12),
                                    rs.getTimestamp(13).toInstant(),
                                    rs.getTimestamp(14).toInstant())));
                }
            }
            return rows;
        }
    }

    private static final String EVENTS = "feedback.outbox";
    private static final String WITHDRAWALS = "feedback.consent_outbox";

    /** A failed try: retried after 2^attempts seconds. {@code table} is one of the two outboxes. */
    private static void recordFailure(Connection c, String table, long id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + """
                 SET attempts = attempts + 1, last_error = ?,
                       retry_at = now() + make_interval(secs => power(2, attempts))
                WHERE id = ?""")) {
            ps.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, String table, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    /**
     * Announces committed consent withdrawals, oldest first, like {@link #publishBatch}: rows whose observers took
     * them are deleted, failures are retried with backoff and given up after {@code maxAttempts}.
     */
    public int publishWithdrawals(int limit, int maxAttempts, Function<ConsentWithdrawn, String> publisher)
            throws SQLException {
        return db.inTransaction(c -> {
            record Withdrawal(long id, int attempts, ConsentWithdrawn event) {}
            List<Withdrawal> pending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, attempts, site_id, subject_id, purposes, withdrawn_at FROM feedback.consent_outbox
                    WHERE retry_at IS NULL OR retry_at <= now() ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
                        for (String p : (String[]) rs.getArray(5).getArray()) {
                            Purpose.fromWire(p).ifPresent(purposes::add);
                        }
                        pending.add(new Withdrawal(
                                rs.getLong(1),
                                rs.getInt(2),
                                new ConsentWithdrawn(
                                        UUID.fromString(rs.getString(3)),
                                        rs.getString(4),
                                        Set.copyOf(purposes),
                                        rs.getTimestamp(6).toInstant())));
                    }
                }
            }
            List<Long> done = new ArrayList<>();
            for (Withdrawal w : pending) {
                String error = publisher.apply(w.event());
                if (error == null || w.attempts() + 1 >= maxAttempts) {
                    done.add(w.id());
                } else {
                    recordFailure(c, WITHDRAWALS, w.id(), error);
                }
            }
            delete(c, WITHDRAWALS, done);
            return pending.size();
        });
    }
}
