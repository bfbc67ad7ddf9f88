package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.QuarantineReason;
import dev.attune.feedback.api.QuarantineService.Query;
import dev.attune.feedback.api.QuarantinedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Quarantined events: listed for review, released into the event store (and the outbox), or deleted. */
@ApplicationScoped
public class JdbcQuarantine {
    @Inject
    FeedbackDataSource db;

    @Inject
    EventPartitions partitions;

    private record Where(String sql, List<Object> args) {}

    private static Where where(Query q) {
        StringBuilder sql = new StringBuilder(" WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.siteId() != null) {
            sql.append(" AND q.site_id = ?");
            args.add(q.siteId());
        }
        if (q.reason() != null) {
            sql.append(" AND q.reason = ?");
            args.add(q.reason().wireName());
        }
        if (q.from() != null) {
            sql.append(" AND q.quarantined_at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND q.quarantined_at < ?");
            args.add(Timestamp.from(q.to()));
        }
        return new Where(sql.toString(), args);
    }

    public long count(Query query) {
        Where w = where(query);
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM feedback.quarantine q" + w.sql())) {
            bind(ps, w.args());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting quarantined events failed: " + e.getMessage(), e);
        }
    }

    public List<QuarantinedEvent> search(Query query, int offset, int limit) {
        Where w = where(query);
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        """
                     SELECT q.site_id, s.name, q.event_id, q.reason, q.detail, q.type, q.subject_id, q.item_id, q.value,
                            q.text, q.context::text, q.occurred_at, q.quarantined_at, q.client_address
                     FROM feedback.quarantine q JOIN feedback.site s ON s.id = q.site_id""" + w.sql() + " ORDER BY q.quarantined_at DESC, q.event_id OFFSET ? LIMIT ?")) {
            List<Object> args = new ArrayList<>(w.args());
            args.add(offset);
            args.add(limit);
            bind(ps, args);
            List<QuarantinedEvent> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new QuarantinedEvent(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getObject(3, UUID.class),
                            QuarantineReason.fromWire(rs.getString(4)),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getBigDecimal(9),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getTimestamp(12).toInstant(),
                            rs.getTimestamp(13).toInstant(),
                            rs.getString(14)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading quarantined events failed: " + e.getMessage(), e);
        }
    }

    public Map<QuarantineReason, Long> countsByReason(UUID siteId, Instant since) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT reason, count(*) FROM feedback.quarantine "
                        + "WHERE quarantined_at >= ? AND (?::uuid IS NULL OR site_id = ?::uuid) GROUP BY reason")) {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setObject(2, siteId);
            ps.setObject(3, siteId);
            Map<QuarantineReason, Long> counts = new EnumMap<>(QuarantineReason.class);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(QuarantineReason.fromWire(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Counting quarantined events failed: " + e.getMessage(), e);
        }
    }

    /**
     * Moves events from quarantine into the event store, received now, with their outbox rows: in the caller's
     * transaction. Their exactly-once keys stay as they are. Returns how many moved.
     */
    public int release(UUID siteId, Collection<UUID> eventIds) {
        partitions.ensureToday();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                     WITH moved AS (
                         DELETE FROM feedback.quarantine WHERE site_id = ? AND event_id = ANY (?)
                         RETURNING event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, context),
                     stored AS (
                         INSERT INTO feedback.event (event_id, site_id, type, subject_id, item_id, value, text, properties, occurred_at, context)
                         SELECT * FROM moved
                         RETURNING *),
                     """ + JdbcEventStore.QUEUE_STORED + """

                     SELECT count(*) FROM queued""")) {
            ps.setObject(1, siteId);
            ps.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Releasing quarantined events failed: " + e.getMessage(), e);
        }
    }

    /** Deletes quarantined events for good (their keys stay, so a resend is still a duplicate). In the caller's transaction. */
    public int delete(UUID siteId, Collection<UUID> eventIds) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM feedback.quarantine WHERE site_id = ? AND event_id = ANY (?)")) {
            ps.setObject(1, siteId);
            ps.setArray(2, c.createArrayOf("uuid", eventIds.toArray()));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Deleting quarantined events failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
