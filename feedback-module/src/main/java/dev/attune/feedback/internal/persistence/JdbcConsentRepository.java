package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.ConsentEntry;
import dev.attune.feedback.api.Purpose;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The consent ledger: appended to, never changed; the latest entry per purpose is the subject's choice. */
@ApplicationScoped
public class JdbcConsentRepository {

    @Inject
    FeedbackDataSource db;

    public void append(
            UUID siteId, String subjectId, Map<Purpose, Boolean> choices, String policyVersion, String source) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO feedback.consent_entry (site_id, subject_id, purpose, granted, policy_version, source)
                     VALUES (?, ?, ?, ?, ?, ?)""")) {
            for (Map.Entry<Purpose, Boolean> choice : choices.entrySet()) {
                ps.setObject(1, siteId);
                ps.setString(2, subjectId);
                ps.setString(3, choice.getKey().wireName());
                ps.setBoolean(4, choice.getValue());
                ps.setString(5, policyVersion);
                ps.setString(6, source);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording consent failed: " + e.getMessage(), e);
        }
    }

    /** Latest recorded choice per subject and purpose; subjects without any choice are absent. */
    /** In the caller's transaction: the withdrawal will be announced once that commits (see JdbcOutbox). */
    public void enqueueWithdrawal(UUID siteId, String subjectId, Set<Purpose> purposes) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO feedback.consent_outbox (site_id, subject_id, purposes) VALUES (?, ?, ?)")) {
            ps.setObject(1, siteId);
            ps.setString(2, subjectId);
            ps.setArray(
                    3,
                    c.createArrayOf(
                            "text",
                            purposes.stream().map(Purpose::wireName).sorted().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Recording a consent withdrawal failed: " + e.getMessage(), e);
        }
    }

    public Map<String, Map<Purpose, Boolean>> latestChoices(UUID siteId, Collection<String> subjectIds) {
        Map<String, Map<Purpose, Boolean>> choices = new HashMap<>();
        if (subjectIds.isEmpty()) {
            return choices;
        }
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT DISTINCT ON (subject_id, purpose) subject_id, purpose, granted
                     FROM feedback.consent_entry WHERE site_id = ? AND subject_id = ANY (?)
                     ORDER BY subject_id, purpose, id DESC""")) {
            ps.setObject(1, siteId);
            ps.setArray(2, c.createArrayOf("text", subjectIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    choices.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .put(Purpose.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)), rs.getBoolean(3));
                }
            }
            return choices;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading consent failed: " + e.getMessage(), e);
        }
    }

    /** A ledger entry as the change feed shows it. */
    public record Change(long id, UUID siteId, String subjectId) {}

    /** The highest ledger id (0 when empty): where the change feed starts. */
    public long lastId() {
        return db.sql()
                .one("SELECT coalesce(max(id), 0) FROM feedback.consent_entry", rs -> rs.getLong(1))
                .orElseThrow();
    }

    /** Entries after {@code afterId} and those among {@code alsoIds}, in id order (at most 10,000 a call). */
    public List<Change> changes(long afterId, Collection<Long> alsoIds) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT id, site_id, subject_id FROM feedback.consent_entry WHERE id > ? OR id = ANY (?)
                     ORDER BY id LIMIT 10000""")) {
            ps.setLong(1, afterId);
            ps.setArray(2, c.createArrayOf("bigint", alsoIds.toArray()));
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3)));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading consent changes failed: " + e.getMessage(), e);
        }
    }

    public List<ConsentEntry> history(UUID siteId, String subjectId) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT id, subject_id, purpose, granted, policy_version, source, recorded_at
                     FROM feedback.consent_entry WHERE site_id = ? AND subject_id = ? ORDER BY id""")) {
            ps.setObject(1, siteId);
            ps.setString(2, subjectId);
            List<ConsentEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new ConsentEntry(
                            rs.getLong(1),
                            rs.getString(2),
                            Purpose.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                            rs.getBoolean(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getTimestamp(7).toInstant()));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the consent ledger failed: " + e.getMessage(), e);
        }
    }
}
