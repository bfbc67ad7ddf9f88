package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.FeedbackEntry;
import dev.attune.feedback.api.FeedbackQuery;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.FeedbackSort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JdbcFeedbackRepository {

    @Inject
    FeedbackDataSource db;

    public long count(FeedbackQuery q) {
        Where where = Where.of(q);
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM feedback.event e" + where.sql())) {
            where.bind(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("Counting feedback failed: " + ex.getMessage(), ex);
        }
    }

    public Optional<FeedbackEntry> find(UUID siteId, UUID eventId) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT e.event_id, e.site_id, s.name, e.type, e.subject_id, e.item_id, e.value, e.text, e.occurred_at, e.received_at
                FROM feedback.event e JOIN feedback.site s ON s.id = e.site_id WHERE e.site_id = ? AND e.event_id = ?""")) {
            ps.setObject(1, siteId);
            ps.setObject(2, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new FeedbackEntry(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getBigDecimal(7),
                                rs.getString(8),
                                rs.getTimestamp(9).toInstant(),
                                rs.getTimestamp(10).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("Reading an event failed: " + ex.getMessage(), ex);
        }
    }

    public List<FeedbackEntry> search(FeedbackQuery q, FeedbackSort sort, int offset, int limit) {
        Where where = Where.of(q);
        String sql = """
                SELECT e.event_id, e.site_id, s.name, e.type, e.subject_id, e.item_id, e.value, e.text, e.occurred_at, e.received_at
                FROM feedback.event e JOIN feedback.site s ON s.id = e.site_id""" + where.sql() + " ORDER BY " + orderBy(sort) + " LIMIT ? OFFSET ?";
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int next = where.bind(ps, 1);
            ps.setInt(next, limit);
            ps.setInt(next + 1, offset);
            List<FeedbackEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new FeedbackEntry(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBigDecimal(7),
                            rs.getString(8),
                            rs.getTimestamp(9).toInstant(),
                            rs.getTimestamp(10).toInstant()));
                }
            }
            return entries;
        } catch (SQLException ex) {
            throw new IllegalStateException("Searching feedback failed: " + ex.getMessage(), ex);
        }
    }

    private static String orderBy(FeedbackSort sort) {
        String column = switch (sort.field()) {
            case RECEIVED_AT -> "e.received_at";
            case OCCURRED_AT -> "e.occurred_at";
            case VALUE -> "e.value";
            case ITEM -> "e.item_id";
            case TYPE -> "e.type";
        };
        String direction = sort.ascending() ? " ASC NULLS FIRST" : " DESC NULLS LAST";
        return column + direction + ", e.event_id" + (sort.ascending() ? " ASC" : " DESC");
    }

    /** The WHERE clause of a query, with its parameters in order. */
    private record Where(String sql, List<Object> params) {
        static Where of(FeedbackQuery q) {
            List<String> clauses = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            add(clauses, params, "e.site_id = ?", q.siteId());
            add(
                    clauses,
                    params,
                    "e.type = ?",
                    q.type() == null ? null : q.type().wireName());
            add(clauses, params, "e.item_id = ?", q.itemId());
            add(clauses, params, "e.subject_id = ?", q.subjectId());
            add(clauses, params, "e.occurred_at >= ?", q.from() == null ? null : Timestamp.from(q.from()));
            add(clauses, params, "e.occurred_at < ?", q.to() == null ? null : Timestamp.from(q.to()));
            add(
                    clauses,
                    params,
                    "e.text ILIKE ('%' || ? || '%')",
                    q.textContains() == null
                            ? null
                            : q.textContains()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_"));
            return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
        }

        private static void add(List<String> clauses, List<Object> params, String clause, Object value) {
            if (value != null) {
                clauses.add(clause);
                params.add(value);
            }
        }

        int bind(PreparedStatement ps, int first) throws SQLException {
            int i = first;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            return i;
        }
    }

    /** A subject's newest {@code limit} events, oldest first, with their properties and context. */
    public List<FeedbackReceived> history(UUID siteId, String subjectId, int limit) {
        String sql = """
                SELECT event_id, site_id, type, subject_id, item_id, value, text, properties::text, context::text, occurred_at, received_at
                FROM (SELECT * FROM feedback.event WHERE site_id = ? AND subject_id = ? ORDER BY occurred_at DESC, received_at DESC LIMIT ?) e
                ORDER BY occurred_at, received_at, event_id""";
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, siteId);
            ps.setString(2, subjectId);
            ps.setInt(3, limit);
            List<FeedbackReceived> events = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new FeedbackReceived(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getBigDecimal(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getTimestamp(10).toInstant(),
                            rs.getTimestamp(11).toInstant()));
                }
            }
            return events;
        } catch (SQLException ex) {
            throw new IllegalStateException("Reading a subject's events failed: " + ex.getMessage(), ex);
        }
    }

    public List<FeedbackService.SubjectEvents> summary(UUID siteId, Collection<String> subjectIds) {
        String sql = """
                SELECT subject_id, type, count(*), min(occurred_at), max(occurred_at) FROM feedback.event
                 WHERE site_id = ? AND subject_id = ANY (?) GROUP BY subject_id, type ORDER BY subject_id, type""";
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, siteId);
            ps.setArray(2, c.createArrayOf("text", subjectIds.toArray()));
            List<FeedbackService.SubjectEvents> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FeedbackService.SubjectEvents(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        } catch (SQLException ex) {
            throw new IllegalStateException("Summarising a subject's events failed: " + ex.getMessage(), ex);
        }
    }
}
