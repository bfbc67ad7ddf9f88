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
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Counts per site, day, type and item of events whose subject did not consent to analytics. Each event id is kept
 * (alone) so a retry is counted once, as a stored event is.
 */
@ApplicationScoped
public class JdbcAnonymousCounts {

    @Inject
    FeedbackDataSource db;

    private record Key(LocalDate day, String type, String item) implements Comparable<Key> {
        public int compareTo(Key o) {
            return (day + type + item).compareTo(o.day + o.type + o.item);
        }
    }

    /**
     * Counts the events not counted before; answers those that were (retries, or a second copy in the same list), as
     * the very objects of the list.
     */
    public Set<NewFeedbackEvent> add(UUID siteId, List<NewFeedbackEvent> events) {
        Set<UUID> fresh = new HashSet<>();
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO feedback.anonymous_event_key (site_id, event_id) SELECT ?, unnest(?::uuid[])
                     ON CONFLICT DO NOTHING RETURNING event_id""")) {
            ps.setObject(1, siteId);
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "uuid",
                            events.stream()
                                    .map(NewFeedbackEvent::eventId)
                                    .sorted()
                                    .toArray()));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting anonymous events failed: " + e.getMessage(), e);
        }
        Set<NewFeedbackEvent> retries = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Key, Long> counts = new TreeMap<>();
        for (NewFeedbackEvent e : events) {
            if (!fresh.remove(e.eventId())) {
                retries.add(e); // counted before, or twice in this batch
                continue;
            }
            counts.merge(
                    new Key(
                            e.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate(),
                            e.type().wireName(),
                            e.itemId() == null ? "" : e.itemId()),
                    1L,
                    Long::sum);
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
        return retries;
    }
}
