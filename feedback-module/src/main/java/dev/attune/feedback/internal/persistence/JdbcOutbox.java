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
import java.util.List;
import java.util.UUID;

/** Reads and settles outbox rows; rows being published by another instance are skipped, never waited for. */
@ApplicationScoped
public class JdbcOutbox {

    public record Pending(long id, int attempts, FeedbackReceived event) {
    }

    @Inject
    FeedbackDataSource db;

    /**
     * Locks up to {@code limit} oldest rows that are due, skipping rows another publisher holds; in the caller's
     * transaction, so the rows stay locked until it ends (and are deleted with it by {@link #settle}).
     */
    public List<Pending> lockDue(int limit) throws SQLException {
        return db.inTransaction(c -> lock(c, "retry_at IS NULL OR retry_at <= now()", limit, null));
    }

    /** Like {@link #lockDue}, the live lane only: events a visitor is waiting on, before any bulk backlog. */
    public List<Pending> lockDueLive(int limit) throws SQLException {
        return db.inTransaction(c -> lock(c, "live AND (retry_at IS NULL OR retry_at <= now())", limit, null));
    }

    /** The row, locked in the caller's transaction; empty when it is gone (settled meanwhile) or another holds it. */
    public java.util.Optional<Pending> lockOne(long id) throws SQLException {
        return db.inTransaction(c -> lock(c, "id = ?", 1, id)).stream().findFirst();
    }

    /**
     * Deletes published rows in the caller's transaction: what its derived writes commit with. That commit need not
     * wait for its WAL flush: a crash that loses it loses the deletion with the derived writes (one transaction), so
     * the rows come back and are published again; and any later synchronous commit (every stored event's) flushes
     * the WAL past it.
     */
    public void settle(List<Long> ids) throws SQLException {
        db.inTransaction(c -> {
            delete(c, EVENTS, ids);
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
            }
            return null;
        });
    }

    /** A failed try, in a transaction of its own: retried after 2^attempts seconds. */
    public void recordFailure(long id, String error) throws SQLException {
        db.inTransaction(c -> {
            recordFailure(c, EVENTS, id, error);
            return null;
        });
    }

    private static List<Pending> lock(Connection c, String where, int limit, Long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, attempts, event_id, site_id, type, subject_id, item_id, value, text, properties::text,
                       context::text, occurred_at, received_at
                FROM feedback.outbox""" + " WHERE " + where + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            int i = 1;
            if (id != null) {
                ps.setLong(i++, id);
            }
            ps.setInt(i, limit);
            List<Pending> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(rs.getLong(1), rs.getInt(2), new FeedbackReceived(UUID.fromString(rs.getString(3)),
                            UUID.fromString(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getBigDecimal(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant())));
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
    public int publishWithdrawals(int limit, int maxAttempts, java.util.function.Function<ConsentWithdrawn, String> publisher)
            throws SQLException {
        return db.inTransaction(c -> {
            record Withdrawal(long id, int attempts, ConsentWithdrawn event) {
            }
            List<Withdrawal> pending = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, attempts, site_id, subject_id, purposes, withdrawn_at FROM feedback.consent_outbox
                    WHERE retry_at IS NULL OR retry_at <= now() ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        java.util.Set<Purpose> purposes = java.util.EnumSet.noneOf(Purpose.class);
                        for (String p : (String[]) rs.getArray(5).getArray()) {
                            Purpose.fromWire(p).ifPresent(purposes::add);
                        }
                        pending.add(new Withdrawal(rs.getLong(1), rs.getInt(2), new ConsentWithdrawn(UUID.fromString(rs.getString(3)),
                                rs.getString(4), java.util.Set.copyOf(purposes), rs.getTimestamp(6).toInstant())));
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
