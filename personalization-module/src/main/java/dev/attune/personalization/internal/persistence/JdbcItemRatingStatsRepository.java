package dev.attune.personalization.internal.persistence;

import dev.attune.personalization.api.ItemRatingStats;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class JdbcItemRatingStatsRepository {
    private static final String SELECT = """
            SELECT site_id, item_id, ratings, rating_sum / ratings, last_rated_at FROM personalization.item_rating_stats""";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    /**
     * Counts a rating once per event id, in one statement, so marking the event applied and counting it cannot come
     * apart whatever transaction (or none) the caller runs in. Derived data need not wait for its own WAL flush: the
     * outbox relay deletes the event's outbox row only afterwards, with a synchronous commit that flushes the WAL up
     * to and past this one, so a crash keeps both or redelivers the event. True when this call counted it.
     */
    public boolean addRatingOnce(UUID siteId, UUID eventId, String itemId, BigDecimal value, Instant at) {
        return addRatingOnce(siteId, eventId, null, itemId, value, at);
    }

    /**
     * As {@link #addRatingOnce(UUID, UUID, String, BigDecimal, Instant)}, and in the same statement remembers what
     * {@code subjectId} rated when given (only with personalization consent), keeping their latest rating of the item.
     * One round trip: outside a transaction the statement is its own, and it turns off the synchronous commit of
     * that transaction itself ({@code set_config(..., true)} lasts until its end, which is when the setting is read);
     * inside the caller's transaction it does so for that transaction, as {@code SET LOCAL} would.
     */
    public boolean addRatingOnce(UUID siteId, UUID eventId, String subjectId, String itemId, BigDecimal value, Instant at) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT_AND_REMEMBER)) {
            Timestamp when = Timestamp.from(at);
            ps.setObject(1, siteId);
            ps.setObject(2, eventId);
            ps.setString(3, itemId);
            ps.setBigDecimal(4, value);
            ps.setTimestamp(5, when);
            ps.setObject(6, siteId);
            ps.setString(7, subjectId);
            ps.setString(8, itemId);
            ps.setBigDecimal(9, value);
            ps.setTimestamp(10, when);
            ps.setString(11, subjectId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting a rating failed: " + e.getMessage(), e);
        }
    }

    private static final String COUNT_AND_REMEMBER = """
            WITH applied AS (
                INSERT INTO personalization.applied_event (site_id, event_id) VALUES (?, ?)
                ON CONFLICT DO NOTHING RETURNING site_id),
            counted AS (
                INSERT INTO personalization.item_rating_stats AS s (site_id, item_id, ratings, rating_sum, last_rated_at)
                SELECT site_id, ?, 1, ?, ? FROM applied
                ON CONFLICT (site_id, item_id) DO UPDATE
                SET ratings = s.ratings + 1, rating_sum = s.rating_sum + EXCLUDED.rating_sum,
                    last_rated_at = greatest(s.last_rated_at, EXCLUDED.last_rated_at)
                RETURNING 1),
            remembered AS (
                INSERT INTO personalization.subject_rating AS r (site_id, subject_id, item_id, rating, rated_at)
                SELECT ?, ?::text, ?, ?, ? WHERE ?::text IS NOT NULL
                ON CONFLICT (site_id, subject_id, item_id) DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at
                WHERE r.rated_at <= EXCLUDED.rated_at
                RETURNING 1)
            SELECT (SELECT count(*) FROM counted), (SELECT count(*) FROM remembered),
                   set_config('synchronous_commit', 'off', true)""";

    public Optional<ItemRatingStats> find(UUID siteId, String itemId) {
        return query(SELECT + " WHERE site_id = ? AND item_id = ?", siteId, itemId).stream().findFirst();
    }

    public List<ItemRatingStats> mostRated(UUID siteId, int limit) {
        return query(SELECT + " WHERE site_id = ? ORDER BY ratings DESC, rating_sum / ratings DESC, item_id LIMIT ?", siteId, limit);
    }

    private List<ItemRatingStats> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<ItemRatingStats> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ItemRatingStats(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3),
                            rs.getDouble(4), rs.getTimestamp(5).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading item rating stats failed: " + e.getMessage(), e);
        }
    }
}
