package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.FeedbackReceived;
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

    /** The outcome of publishing one batch: which rows are done and which failed with what. */
    public interface Publisher {
        /** Returns the error of the event, or null when every observer took it. */
        String publish(FeedbackReceived event);
    }

    @Inject
    FeedbackDataSource db;

    /**
     * Locks up to {@code limit} oldest rows, hands each event to the publisher, deletes those that went through and
     * records the error on the others; a row that failed {@code maxAttempts} times is given up. Returns the number of
     * rows handled.
     */
    public int publishBatch(int limit, int maxAttempts, Publisher publisher, java.util.function.Consumer<Pending> givenUp)
            throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<Pending> pending = lock(c, limit);
                List<Long> done = new ArrayList<>();
                for (Pending p : pending) {
                    String error = publisher.publish(p.event());
                    if (error == null) {
                        done.add(p.id());
                    } else if (p.attempts() + 1 >= maxAttempts) {
                        givenUp.accept(p);
                        done.add(p.id());
                    } else {
                        recordFailure(c, p.id(), error);
                    }
                }
                delete(c, done);
                c.commit();
                return pending.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static List<Pending> lock(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, attempts, event_id, site_id, type, subject_id, item_id, value, text, properties::text,
                       context::text, occurred_at, received_at
                FROM feedback.outbox
                WHERE retry_at IS NULL OR retry_at <= now()
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
            ps.setInt(1, limit);
            List<Pending> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Pending(rs.getLong(1), rs.getInt(2), new FeedbackReceived(rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getBigDecimal(8), rs.getString(9), rs.getString(10), rs.getString(11),
                            rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant())));
                }
            }
            return rows;
        }
    }

    private static void recordFailure(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                """
                UPDATE feedback.outbox SET attempts = attempts + 1, last_error = ?,
                       retry_at = now() + make_interval(secs => power(2, attempts))
                WHERE id = ?""")) {
            ps.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static void delete(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM feedback.outbox WHERE id = ANY (?)")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    /**
     * Announces committed consent withdrawals, oldest first, like {@link #publishBatch}: rows whose observers took
     * them are deleted, failures are retried with backoff and given up after {@code maxAttempts}.
     */
    public int publishWithdrawals(int limit, int maxAttempts, java.util.function.Function<dev.attune.feedback.api.ConsentWithdrawn, String> publisher)
            throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                List<long[]> done = new ArrayList<>();
                int handled = 0;
                try (PreparedStatement ps = c.prepareStatement("""
                        SELECT id, attempts, site_id, subject_id, purposes, withdrawn_at FROM feedback.consent_outbox
                        WHERE retry_at IS NULL OR retry_at <= now() ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                    ps.setInt(1, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            handled++;
                            java.util.Set<dev.attune.feedback.api.Purpose> purposes = java.util.EnumSet.noneOf(dev.attune.feedback.api.Purpose.class);
                            for (String p : (String[]) rs.getArray(5).getArray()) {
                                dev.attune.feedback.api.Purpose.fromWire(p).ifPresent(purposes::add);
                            }
                            String error = publisher.apply(new dev.attune.feedback.api.ConsentWithdrawn(rs.getObject(3, UUID.class),
                                    rs.getString(4), java.util.Set.copyOf(purposes), rs.getTimestamp(6).toInstant()));
                            done.add(new long[] {rs.getLong(1), error == null || rs.getInt(2) + 1 >= maxAttempts ? 1 : 0});
                            if (error != null) {
                                try (PreparedStatement fail = c.prepareStatement("""
                                        UPDATE feedback.consent_outbox SET attempts = attempts + 1, last_error = ?,
                                               retry_at = now() + make_interval(secs => power(2, attempts)) WHERE id = ?""")) {
                                    fail.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
                                    fail.setLong(2, rs.getLong(1));
                                    fail.executeUpdate();
                                }
                            }
                        }
                    }
                }
                Long[] finished = done.stream().filter(d -> d[1] == 1).map(d -> d[0]).toArray(Long[]::new);
                if (finished.length > 0) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM feedback.consent_outbox WHERE id = ANY (?)")) {
                        ps.setArray(1, c.createArrayOf("bigint", finished));
                        ps.executeUpdate();
                    }
                }
                c.commit();
                return handled;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** How many events wait to be published (for health and metrics). */
    public long backlog() {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM feedback.outbox");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the outbox failed: " + e.getMessage(), e);
        }
    }
}
