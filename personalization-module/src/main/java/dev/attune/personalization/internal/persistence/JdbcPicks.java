package dev.attune.personalization.internal.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Item names learned from events, what each subject rated, and the top-rated picks built from them. */
@ApplicationScoped
public class JdbcPicks {
    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    /** A pick: the item, its name, and how it was rated by everyone. */
    public record Pick(String itemId, String title, String url, long ratings, double average, double score) {}

    public void upsertItem(UUID siteId, String itemId, String title, List<String> categories, String url) {
        update("""
                INSERT INTO personalization.item AS i (site_id, item_id, title, categories, url) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (site_id, item_id) DO UPDATE SET title = EXCLUDED.title,
                    categories = CASE WHEN cardinality(EXCLUDED.categories) > 0 THEN EXCLUDED.categories ELSE i.categories END,
                    url = coalesce(EXCLUDED.url, i.url), updated_at = now()
                WHERE NOT i.from_catalog AND (i.title IS DISTINCT FROM EXCLUDED.title OR (cardinality(EXCLUDED.categories) > 0 AND i.categories <> EXCLUDED.categories)
                   OR (EXCLUDED.url IS NOT NULL AND i.url IS DISTINCT FROM EXCLUDED.url))""", siteId, itemId, title, categories, url);
    }

    public int forgetSubject(UUID siteId, String subjectId) {
        return update(
                "DELETE FROM personalization.subject_rating WHERE site_id = ? AND subject_id = ?", siteId, subjectId);
    }

    /**
     * Named items by damped mean rating (each item's mean pulled towards the site's mean by {@code prior} ratings, so
     * one 5-star rating does not top the list), leaving out what the subject rated.
     */
    public List<Pick> topRated(UUID siteId, String subjectId, int limit, int prior) {
        return topRated(siteId, subjectId, limit, prior, null);
    }

    /** As {@link #topRated(UUID, String, int, int)}, only items of the category when one is given. */
    public List<Pick> topRated(UUID siteId, String subjectId, int limit, int prior, String category) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                WITH site AS (SELECT coalesce(sum(rating_sum) / nullif(sum(ratings), 0), 3) AS mean
                              FROM personalization.item_rating_stats WHERE site_id = ?)
                SELECT s.item_id, i.title, i.url, s.ratings, s.rating_sum / s.ratings,
                       (s.rating_sum + ? * site.mean) / (s.ratings + ?) AS score
                FROM personalization.item_rating_stats s
                JOIN personalization.item i ON i.site_id = s.site_id AND i.item_id = s.item_id
                CROSS JOIN site
                WHERE s.site_id = ? AND (?::text IS NULL OR ?::text = ANY (i.categories)) AND NOT EXISTS (
                    SELECT 1 FROM personalization.subject_rating r
                    WHERE r.site_id = s.site_id AND r.subject_id = ? AND r.item_id = s.item_id)
                ORDER BY score DESC, s.ratings DESC, s.item_id LIMIT ?""")) {
            ps.setObject(1, siteId);
            ps.setInt(2, prior);
            ps.setInt(3, prior);
            ps.setObject(4, siteId);
            ps.setString(5, category);
            ps.setString(6, category);
            ps.setString(7, subjectId);
            ps.setInt(8, limit);
            List<Pick> picks = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    picks.add(new Pick(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getDouble(5),
                            rs.getDouble(6)));
                }
            }
            return picks;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading picks failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                Object a = args[i];
                if (a instanceof Instant at) {
                    ps.setTimestamp(i + 1, Timestamp.from(at));
                } else if (a instanceof List<?> list) {
                    ps.setArray(i + 1, c.createArrayOf("text", list.toArray()));
                } else {
                    ps.setObject(i + 1, a);
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing picks data failed: " + e.getMessage(), e);
        }
    }
}
