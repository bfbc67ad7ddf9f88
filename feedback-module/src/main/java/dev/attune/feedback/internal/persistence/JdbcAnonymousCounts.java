package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.NewFeedbackEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Counts per site, day, type and item of events whose subject did not consent to analytics. */
@ApplicationScoped
public class JdbcAnonymousCounts {

    @Inject
    FeedbackDataSource db;

    private record Key(LocalDate day, String type, String item) implements Comparable<Key> {
        public int compareTo(Key o) {
            return (day + type + item).compareTo(o.day + o.type + o.item);
        }
    }

    public void add(UUID siteId, List<NewFeedbackEvent> events) {
        Map<Key, Long> counts = new TreeMap<>();
        for (NewFeedbackEvent e : events) {
            counts.merge(new Key(e.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate(), e.type().wireName(),
                    e.itemId() == null ? "" : e.itemId()), 1L, Long::sum);
        }
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO feedback.anonymous_count AS a (site_id, day, type, item_id, events) VALUES (?, ?, ?, ?, ?)
                     ON CONFLICT (site_id, day, type, item_id) DO UPDATE SET events = a.events + EXCLUDED.events""")) {
            for (Map.Entry<Key, Long> count : counts.entrySet()) {
                ps.setObject(1, siteId);
                ps.setDate(2, Date.valueOf(count.getKey().day()));
                ps.setString(3, count.getKey().type());
                ps.setString(4, count.getKey().item());
                ps.setLong(5, count.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Counting anonymous events failed: " + e.getMessage(), e);
        }
    }
}
