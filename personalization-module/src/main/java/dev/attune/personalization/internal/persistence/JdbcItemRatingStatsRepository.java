package dev.attune.personalization.internal.persistence;

import dev.attune.personalization.api.ItemRatingStats;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** A rating to count: {@code subjectId} only when the subject allows personalization (what they rated is kept). */
    public record Rating(UUID siteId, UUID eventId, String subjectId, String itemId, BigDecimal value, Instant at) {}

    /**
     * Counts the ratings and remembers what their subjects rated (their latest rating of each item), in one statement:
     * one round trip per batch. In the pipeline's transaction, so each rating is counted exactly once. Answers how
     * many ratings it counted.
     */
    public int addRatings(List<Rating> ratings) {
        if (ratings.isEmpty()) {
            return 0;
        }
        int n = ratings.size();
        // as text (cast in the statement): exact for numbers, instants and ids whatever the session's time zone
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            Rating r = ratings.get(i);
            columns[0][i] = r.siteId().toString();
            columns[1][i] = r.eventId().toString();
            columns[2][i] = r.subjectId();
            columns[3][i] = r.itemId();
            columns[4][i] = r.value().toPlainString();
            columns[5][i] = r.at().toString();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(COUNT_AND_REMEMBER)) {
            for (int column = 0; column < columns.length; column++) {
                ps.setArray(column + 1, c.createArrayOf("text", columns[column]));
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Counting ratings failed: " + e.getMessage(), e);
        }
    }

    /*
     * One INSERT ... ON CONFLICT DO UPDATE may touch a row once, so the new ratings are summed per item and only each
     * subject's latest rating of an item is kept; an event id repeated within the input counts once. Each rating is
     * counted once because the statement runs in the pipeline's transaction, which also settles the events' outbox
     * rows (no marks of its own).
     */
    private static final String COUNT_AND_REMEMBER = """
            WITH input AS (
                SELECT DISTINCT ON (site_id, event_id) *
                FROM unnest(?::text[]::uuid[], ?::text[]::uuid[], ?::text[], ?::text[], ?::text[]::numeric[], ?::text[]::timestamptz[])
                     AS i(site_id, event_id, subject_id, item_id, value, at)),
            counted AS (
                INSERT INTO personalization.item_rating_stats AS s (site_id, item_id, ratings, rating_sum, last_rated_at)
                SELECT site_id, item_id, count(*), sum(value), max(at)
                FROM input
                GROUP BY site_id, item_id
                ORDER BY site_id, item_id -- one lock order for every relay worker
                ON CONFLICT (site_id, item_id) DO UPDATE
                SET ratings = s.ratings + EXCLUDED.ratings, rating_sum = s.rating_sum + EXCLUDED.rating_sum,
                    last_rated_at = greatest(s.last_rated_at, EXCLUDED.last_rated_at)
                RETURNING ratings),
            remembered AS (
                INSERT INTO personalization.subject_rating AS r (site_id, subject_id, item_id, rating, rated_at)
                SELECT DISTINCT ON (site_id, subject_id, item_id) site_id, subject_id, item_id, value, at
                FROM input WHERE subject_id IS NOT NULL
                ORDER BY site_id, subject_id, item_id, at DESC
                ON CONFLICT (site_id, subject_id, item_id) DO UPDATE SET rating = EXCLUDED.rating, rated_at = EXCLUDED.rated_at
                WHERE r.rated_at <= EXCLUDED.rated_at
                RETURNING 1)
            SELECT (SELECT count(*) FROM input), (SELECT count(*) FROM counted), (SELECT count(*) FROM remembered)""";

    public Optional<ItemRatingStats> find(UUID siteId, String itemId) {
        return query(SELECT + " WHERE site_id = ? AND item_id = ?", siteId, itemId).stream()
                .findFirst();
    }

    public List<ItemRatingStats> mostRated(UUID siteId, int limit) {
        return query(
                SELECT + " WHERE site_id = ? ORDER BY ratings DESC, rating_sum / ratings DESC, item_id LIMIT ?",
                siteId,
                limit);
    }

    private List<ItemRatingStats> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<ItemRatingStats> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ItemRatingStats(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getDouble(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading item rating stats failed: " + e.getMessage(), e);
        }
    }
}
