package dev.attune.personalization.internal.profiles;

import dev.attune.personalization.api.DiscoveredSegment;
import dev.attune.personalization.api.Segment;
import dev.attune.personalization.api.SegmentService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.JsonSupport;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Segments, their members and the log of entries and exits. */
@ApplicationScoped
public class JdbcSegments {
    private static final String COLUMNS =
            "s.id, s.site_id, s.key, s.name, s.description, s.rule::text, s.active, s.created_at, "
                    + "(SELECT count(*) FROM personalization.segment_member m WHERE m.segment_id = s.id)";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    void insert(UUID id, UUID siteId, String key, String name, String description, String ruleJson) {
        try {
            update(
                    "INSERT INTO personalization.segment (id, site_id, key, name, description, rule) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                    id,
                    siteId,
                    key,
                    name,
                    description,
                    ruleJson);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw InvalidInputException.of("key", "another segment of this site has this key");
            }
            throw e;
        }
    }

    void update(UUID id, String name, String description, String ruleJson, boolean active) {
        update(
                "UPDATE personalization.segment SET name = ?, description = ?, rule = ?::jsonb, active = ?, updated_at = now() WHERE id = ?",
                name,
                description,
                ruleJson,
                active,
                id);
    }

    List<Segment> list(UUID siteId) {
        return query(
                "SELECT " + COLUMNS + " FROM personalization.segment s WHERE s.site_id = ? ORDER BY s.key", siteId);
    }

    List<Segment> active(UUID siteId) {
        return query(
                "SELECT " + COLUMNS + " FROM personalization.segment s WHERE s.site_id = ? AND s.active ORDER BY s.key",
                siteId);
    }

    /** Every site with an active segment. */
    List<UUID> sites() {
        List<UUID> sites = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT DISTINCT site_id FROM personalization.segment WHERE active")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getObject(1, UUID.class));
                }
            }
            return sites;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading segments failed: " + e.getMessage(), e);
        }
    }

    Optional<Segment> find(UUID id) {
        return query("SELECT " + COLUMNS + " FROM personalization.segment s WHERE s.id = ?", id).stream()
                .findFirst();
    }

    /** Records an entry, membership and change log in one statement; false when the subject was a member already. */
    boolean enter(UUID segmentId, String subject) {
        return update("""
                WITH entered AS (
                    INSERT INTO personalization.segment_member (segment_id, subject) VALUES (?, ?) ON CONFLICT DO NOTHING
                    RETURNING segment_id, subject)
                INSERT INTO personalization.segment_change (segment_id, subject, entered) SELECT segment_id, subject, true FROM entered""", segmentId, subject) == 1;
    }

    /** Records an exit; false when the subject was not a member. One statement, like {@link #enter}. */
    boolean leave(UUID segmentId, String subject) {
        return update("""
                WITH left_segment AS (
                    DELETE FROM personalization.segment_member WHERE segment_id = ? AND subject = ? RETURNING segment_id, subject)
                INSERT INTO personalization.segment_change (segment_id, subject, entered) SELECT segment_id, subject, false FROM left_segment""", segmentId, subject) == 1;
    }

    /** The subject's memberships on the site (segment id, key). */
    List<String[]> memberships(UUID siteId, String subject) {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT s.id, s.key FROM personalization.segment_member m JOIN personalization.segment s ON s.id = m.segment_id
                WHERE s.site_id = ? AND m.subject = ?""")) {
            ps.setObject(1, siteId);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading memberships failed: " + e.getMessage(), e);
        }
    }

    boolean isMember(UUID siteId, String subject, String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT 1 FROM personalization.segment_member m JOIN personalization.segment s ON s.id = m.segment_id
                WHERE s.site_id = ? AND s.key = ? AND s.active AND m.subject = ?""")) {
            ps.setObject(1, siteId);
            ps.setString(2, key);
            ps.setString(3, subject);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading a membership failed: " + e.getMessage(), e);
        }
    }

    List<SegmentService.Member> members(UUID segmentId, int limit) {
        List<SegmentService.Member> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT subject, entered_at FROM personalization.segment_member WHERE segment_id = ? ORDER BY entered_at DESC LIMIT ?")) {
            ps.setObject(1, segmentId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new SegmentService.Member(
                            rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading members failed: " + e.getMessage(), e);
        }
    }

    /** Entries and exits per UTC day, oldest first. */
    List<long[]> changesPerDay(UUID segmentId) {
        List<long[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT (at AT TIME ZONE 'UTC')::date AS day, count(*) FILTER (WHERE entered), count(*) FILTER (WHERE NOT entered)
                FROM personalization.segment_change WHERE segment_id = ? GROUP BY 1 ORDER BY 1""")) {
            ps.setObject(1, segmentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getDate(1).toLocalDate().toEpochDay(), rs.getLong(2), rs.getLong(3)});
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading segment history failed: " + e.getMessage(), e);
        }
    }

    private List<Segment> query(String sql, UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            List<Segment> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Segment(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBoolean(7),
                            rs.getTimestamp(8).toInstant(),
                            rs.getLong(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading segments failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing segment data failed: " + e.getMessage(), e);
        }
    }

    void replaceClusters(UUID siteId, List<DiscoveredSegment> clusters) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete =
                            c.prepareStatement("DELETE FROM personalization.segment_cluster WHERE site_id = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO personalization.segment_cluster (site_id, cluster, size, profile, "
                                    + "description, computed_at) VALUES (?, ?, ?, ?::jsonb, ?, ?)")) {
                delete.setObject(1, siteId);
                delete.executeUpdate();
                for (var d : clusters) {
                    var profile = JsonSupport.JSON.createObjectBuilder();
                    d.profile().forEach((k, v) -> profile.add(k, Double.isFinite(v) ? v : 0));
                    insert.setObject(1, siteId);
                    insert.setInt(2, d.cluster());
                    insert.setLong(3, d.size());
                    insert.setString(4, profile.build().toString());
                    insert.setString(5, d.description());
                    insert.setTimestamp(6, Timestamp.from(d.computedAt()));
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Storing discovered segments failed: " + e.getMessage(), e);
        }
    }

    List<DiscoveredSegment> clusters(UUID siteId) {
        List<DiscoveredSegment> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT cluster, size, profile::text, description, computed_at FROM personalization.segment_cluster WHERE site_id = ? "
                                + "ORDER BY size DESC, cluster")) {
            ps.setObject(1, siteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Double> profile = new LinkedHashMap<>();
                    JsonSupport.JSON
                            .createReader(new StringReader(rs.getString(3)))
                            .readObject()
                            .forEach((k, v) -> profile.put(k, ((JsonNumber) v).doubleValue()));
                    rows.add(new DiscoveredSegment(
                            siteId,
                            rs.getInt(1),
                            rs.getLong(2),
                            profile,
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading discovered segments failed: " + e.getMessage(), e);
        }
    }

    /** Sites with profiles. */
    List<UUID> profiledSites() {
        List<UUID> sites = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT site_id FROM personalization.profile")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sites.add(rs.getObject(1, UUID.class));
                }
            }
            return sites;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading sites failed: " + e.getMessage(), e);
        }
    }
}
