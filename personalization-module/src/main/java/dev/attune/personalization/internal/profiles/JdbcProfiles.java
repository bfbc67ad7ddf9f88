package dev.attune.personalization.internal.profiles;

import dev.attune.personalization.api.EventEnrichment;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Profiles' persisted state and the per-event enrichments, written in batches. */
@ApplicationScoped
public class JdbcProfiles {
    private static final String ENRICHMENT_COLUMNS =
            "site_id, event_id, subject, type, occurred_at, language, sentiment, sentiment_label, "
                    + "device_class, browser, os, local_hour, weekday, referrer_class, session_depth, keywords";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    /** A profile row to write: its state as JSON. */
    record Row(UUID siteId, String subject, String stateJson, long events, Instant lastSeen) {}

    void saveProfiles(Collection<Row> rows) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO personalization.profile (site_id, subject, state, events, last_seen) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (site_id, subject) DO UPDATE SET state = EXCLUDED.state, events = EXCLUDED.events,
                    last_seen = EXCLUDED.last_seen, updated_at = now()""")) {
            for (Row r : rows) {
                ps.setObject(1, r.siteId());
                ps.setString(2, r.subject());
                ps.setString(3, r.stateJson());
                ps.setLong(4, r.events());
                ps.setTimestamp(5, Timestamp.from(r.lastSeen()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Optional<String> profileState(UUID siteId, String subject) {
        return Optional.ofNullable(profileStates(siteId, List.of(subject)).get(subject));
    }

    /** The stored states of those of the subjects that have a profile, by subject: one query. */
    Map<String, String> profileStates(UUID siteId, Collection<String> subjects) {
        Map<String, String> states = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT subject, state::text FROM personalization.profile WHERE site_id = ? AND subject = ANY (?)")) {
            ps.setObject(1, siteId);
            ps.setArray(2, c.createArrayOf("text", subjects.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getString(2));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading profiles failed: " + e.getMessage(), e);
        }
    }

    /** Up to {@code limit} of the site's subjects after {@code after} (by subject; null: from the first) with their state. */
    List<String[]> page(UUID siteId, String after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT subject, state::text FROM personalization.profile WHERE site_id = ? AND (?::text IS NULL OR subject > ?) ORDER BY subject LIMIT ?")) {
            ps.setObject(1, siteId);
            ps.setString(2, after);
            ps.setString(3, after);
            ps.setInt(4, limit);
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading profiles failed: " + e.getMessage(), e);
        }
    }

    /** The site's most recently seen subjects with their state. */
    List<String[]> recent(UUID siteId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT subject, state::text FROM personalization.profile WHERE site_id = ? ORDER BY last_seen DESC LIMIT ?")) {
            ps.setObject(1, siteId);
            ps.setInt(2, limit);
            List<String[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading profiles failed: " + e.getMessage(), e);
        }
    }

    int deleteProfile(UUID siteId, String subject) {
        return update("DELETE FROM personalization.profile WHERE site_id = ? AND subject = ?", siteId, subject);
    }

    int deleteEnrichments(UUID siteId, String subject) {
        return update("DELETE FROM personalization.enrichment WHERE site_id = ? AND subject = ?", siteId, subject);
    }

    void saveEnrichments(Collection<EventEnrichment> rows) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO personalization.enrichment (" + ENRICHMENT_COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (EventEnrichment e : rows) {
                ps.setObject(1, e.siteId());
                ps.setObject(2, e.eventId());
                ps.setString(3, e.subject());
                ps.setString(4, e.type());
                ps.setTimestamp(5, Timestamp.from(e.occurredAt()));
                ps.setString(6, e.language());
                ps.setObject(7, e.sentiment());
                ps.setString(8, e.sentimentLabel());
                ps.setString(9, e.deviceClass());
                ps.setString(10, e.browser());
                ps.setString(11, e.os());
                ps.setObject(12, e.localHour() == null ? null : e.localHour().shortValue());
                ps.setObject(13, e.weekday() == null ? null : e.weekday().shortValue());
                ps.setString(14, e.referrerClass());
                ps.setObject(15, e.sessionDepth());
                ps.setArray(
                        16,
                        e.keywords() == null || e.keywords().isEmpty()
                                ? null
                                : c.createArrayOf("text", e.keywords().toArray()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    Optional<EventEnrichment> enrichment(UUID siteId, UUID eventId) {
        return enrichments(
                        "SELECT " + ENRICHMENT_COLUMNS
                                + " FROM personalization.enrichment WHERE site_id = ? AND event_id = ?",
                        siteId,
                        eventId)
                .stream()
                .findFirst();
    }

    List<EventEnrichment> enrichments(UUID siteId, String subject, int limit) {
        return enrichments(
                "SELECT " + ENRICHMENT_COLUMNS + " FROM personalization.enrichment WHERE site_id = ? AND subject = ? "
                        + "ORDER BY occurred_at DESC LIMIT ?",
                siteId,
                subject,
                limit);
    }

    private List<EventEnrichment> enrichments(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<EventEnrichment> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Array keywords = rs.getArray(16);
                    rows.add(new EventEnrichment(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant(),
                            rs.getString(6),
                            (Double) rs.getObject(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11),
                            integer(rs.getObject(12)),
                            integer(rs.getObject(13)),
                            rs.getString(14),
                            (Integer) rs.getObject(15),
                            keywords == null ? List.of() : Arrays.asList((String[]) keywords.getArray())));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading enrichments failed: " + e.getMessage(), e);
        }
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Deleting profile data failed: " + e.getMessage(), e);
        }
    }
}
