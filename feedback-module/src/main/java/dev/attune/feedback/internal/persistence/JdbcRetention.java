package dev.attune.feedback.internal.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The two ways events leave: a whole day's partition dropped, or one site's rows deleted before a cutoff. */
@ApplicationScoped
public class JdbcRetention {
    @Inject
    FeedbackDataSource db;

    /** Drops one day's partition and the exactly-once keys of its events; the number of events per site it held. */
    public Map<UUID, Long> dropPartition(EventPartitions.Partition partition) {
        if (!partition.name().matches("event_[0-9]{8}")) {
            throw new IllegalArgumentException("not an event partition: " + partition.name());
        }
        return inTransaction(c -> {
            Map<UUID, Long> counts = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT site_id, count(*) FROM feedback." + partition.name() + " GROUP BY site_id")) {
                while (rs.next()) {
                    counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM feedback.event_key WHERE received_at >= ? AND received_at < ?")) {
                ps.setTimestamp(1, Timestamp.from(partition.from()));
                ps.setTimestamp(2, Timestamp.from(partition.to()));
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE feedback." + partition.name());
            }
            return counts;
        });
    }

    /** Deletes a site's events received before the cutoff; how many there were. */
    public long deleteBefore(UUID siteId, Instant cutoff) {
        return inTransaction(c -> {
            long deleted;
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM feedback.event WHERE site_id = ? AND received_at < ?")) {
                ps.setObject(1, siteId);
                ps.setTimestamp(2, Timestamp.from(cutoff));
                deleted = ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM feedback.event_key WHERE site_id = ? AND received_at < ?")) {
                ps.setObject(1, siteId);
                ps.setTimestamp(2, Timestamp.from(cutoff));
                ps.executeUpdate();
            }
            return deleted;
        });
    }

    /** Deletes a site's quarantined events held since before the cutoff; how many there were. */
    /** Forgets the ids of anonymously counted events received before the cutoff (no retry can be that late). */
    public long deleteAnonymousKeysBefore(Instant cutoff) {
        try (Connection c = db.connection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM feedback.anonymous_event_key WHERE received_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Pruning anonymous event ids failed: " + e.getMessage(), e);
        }
    }

    public long deleteQuarantinedBefore(UUID siteId, Instant cutoff) {
        return inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM feedback.quarantine WHERE site_id = ? AND quarantined_at < ?")) {
                ps.setObject(1, siteId);
                ps.setTimestamp(2, Timestamp.from(cutoff));
                return (long) ps.executeUpdate();
            }
        });
    }

    /** Retention runs outside any caller's transaction, each step in one of its own. */
    private <T> T inTransaction(FeedbackDataSource.Work<T> work) {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("Retention failed: " + e.getMessage(), e);
        }
    }
}
