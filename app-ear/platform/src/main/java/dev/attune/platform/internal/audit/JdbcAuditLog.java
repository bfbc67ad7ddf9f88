package dev.attune.platform.internal.audit;

import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.Sql;
import dev.attune.platform.internal.persistence.DatabaseMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.security.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Appends entries under a transaction-scoped advisory lock, so the chain stays linear across instances. */
@ApplicationScoped
public class JdbcAuditLog implements AuditLog {
    private static final Jsonb JSONB = JsonbBuilder.create();

    @Resource(lookup = DatabaseMigrator.DATASOURCE)
    DataSource dataSource;

    @Inject
    Instance<SecurityContext> securityContext;

    @Inject
    Instance<HttpServletRequest> request;

    @Override
    @Transactional
    public void record(String action, String target, AuditOutcome outcome, Map<String, ?> detail) {
        recordAs(currentActor(), action, target, outcome, detail);
    }

    @Override
    @Transactional
    public void recordAs(String actor, String action, String target, AuditOutcome outcome, Map<String, ?> detail) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String json = JSONB.toJson(detail == null ? Map.of() : new TreeMap<>(detail));
        try (Connection c = dataSource.getConnection()) {
            // the lock, the read of the last hash and the insert must share one database transaction, or two writers
            // chain
            // onto the same entry (the full test suite once showed a system entry from a NOT_SUPPORTED EJB timer and an
            // admin call's entry with the same predecessor); a NOT_SUPPORTED EJB timer calling in gets an autocommit
            // connection, and then a local transaction
            Sql.inTransaction(c, conn -> {
                append(conn, now, actor, action, target, outcome, json);
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the audit log failed: " + e.getMessage(), e);
        }
    }

    private void append(
            Connection c, Instant now, String actor, String action, String target, AuditOutcome outcome, String json)
            throws SQLException {
        appendWithIp(c, now, actor, action, target, outcome, json, sourceIp());
    }

    /** An entry on behalf of {@code ip} (a roll-up written outside the request), inside the caller's transaction. */
    void appendFrom(
            Connection c,
            Instant at,
            String actor,
            String action,
            String target,
            AuditOutcome outcome,
            String ip,
            Map<String, ?> detail)
            throws SQLException {
        String json = JSONB.toJson(detail == null ? Map.of() : new TreeMap<>(detail));
        appendWithIp(c, at.truncatedTo(ChronoUnit.MICROS), actor, action, target, outcome, json, ip);
    }

    private void appendWithIp(
            Connection c,
            Instant now,
            String actor,
            String action,
            String target,
            AuditOutcome outcome,
            String json,
            String ip)
            throws SQLException {
        try (PreparedStatement lock =
                c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('platform.audit_entry'))")) {
            lock.execute();
        }
        String canonical = canonicalJson(c, json);
        String prev = AuditHash.GENESIS;
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT hash FROM platform.audit_entry ORDER BY id DESC LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                prev = rs.getString(1);
            }
        }
        String hash = AuditHash.of(prev, now, actor, action, target, outcome.name(), ip, canonical);
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO platform.audit_entry (occurred_at, actor, action, target, outcome, source_ip, detail, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")) {
            ins.setTimestamp(1, Timestamp.from(now));
            ins.setString(2, actor);
            ins.setString(3, action);
            ins.setString(4, target);
            ins.setString(5, outcome.name());
            ins.setString(6, ip);
            ins.setString(7, canonical);
            ins.setString(8, prev);
            ins.setString(9, hash);
            ins.executeUpdate();
        }
    }

    @Override
    @Transactional
    public ChainVerification verifyChain() {
        String expectedPrev = AuditHash.GENESIS;
        long checked = 0;
        try (Connection c = dataSource.getConnection();
                PreparedStatement anchor = c.prepareStatement("""
                     SELECT a.prev_hash FROM platform.audit_anchor a
                      WHERE a.first_id = (SELECT min(id) FROM platform.audit_entry)""");
                ResultSet rs = anchor.executeQuery()) {
            if (rs.next()) {
                expectedPrev = rs.getString(1); // retention removed the older entries: the chain starts at the anchor
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the audit anchor failed: " + e.getMessage(), e);
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT id, occurred_at, actor, action, target, outcome, source_ip, detail::text, prev_hash, hash
                     FROM platform.audit_entry ORDER BY id""")) {
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    checked++;
                    String prev = rs.getString(9);
                    String recomputed = AuditHash.of(
                            prev,
                            rs.getTimestamp(2).toInstant(),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8));
                    if (!prev.equals(expectedPrev) || !recomputed.equals(rs.getString(10))) {
                        return new ChainVerification(checked, rs.getLong(1));
                    }
                    expectedPrev = rs.getString(10);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the audit log failed: " + e.getMessage(), e);
        }
        return new ChainVerification(checked, null);
    }

    /** jsonb reorders keys and spacing; hash exactly the text PostgreSQL will give back. */
    private static String canonicalJson(Connection c, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT ?::jsonb::text")) {
            ps.setString(1, json);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String currentActor() {
        try {
            Principal p = securityContext.isResolvable() ? securityContext.get().getCallerPrincipal() : null;
            return p == null ? "system" : p.getName();
        } catch (RuntimeException outsideRequest) {
            return "system";
        }
    }

    private String sourceIp() {
        try {
            return request.isResolvable() ? request.get().getRemoteAddr() : null;
        } catch (RuntimeException outsideRequest) {
            return null;
        }
    }

    /**
     * Deletes entries older than {@code days} and moves the anchor to the first remaining one (under the chain's lock,
     * so no entry is appended meanwhile); the run itself is audited. Answers how many were deleted.
     */
    @Transactional
    public long prune(int days) {
        Instant cutoff = Instant.now().minus(days, ChronoUnit.DAYS);
        long deleted;
        try (Connection c = dataSource.getConnection()) {
            deleted = Sql.inTransaction(
                    c, conn -> prune(conn, cutoff)); // the lock must cover the delete and the new anchor
        } catch (SQLException e) {
            throw new IllegalStateException("Audit retention failed: " + e.getMessage(), e);
        }
        recordAs(
                "system",
                "retention.audit",
                "platform.audit_entry",
                AuditOutcome.SUCCESS,
                Map.of("deleted", deleted, "days", days, "cutoff", cutoff.toString()));
        return deleted;
    }

    private static long prune(Connection c, Instant cutoff) throws SQLException {
        long deleted;
        try (PreparedStatement lock =
                c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('platform.audit_entry'))")) {
            lock.execute();
        }
        try (PreparedStatement mark = c.prepareStatement("SELECT set_config('attune.audit_retention', 'on', false)")) {
            mark.execute(); // the append-only trigger lets this session's deletes through, until reset below
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM platform.audit_entry WHERE occurred_at < ?")) {
            del.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            deleted = del.executeUpdate();
        } finally {
            try (PreparedStatement reset =
                    c.prepareStatement("SELECT set_config('attune.audit_retention', 'off', false)")) {
                reset.execute();
            }
        }
        if (deleted > 0) {
            try (PreparedStatement anchor = c.prepareStatement("""
                    INSERT INTO platform.audit_anchor (first_id, prev_hash, pruned_count)
                    SELECT id, prev_hash, ? FROM platform.audit_entry ORDER BY id LIMIT 1
                    ON CONFLICT (singleton) DO UPDATE SET first_id = EXCLUDED.first_id, prev_hash = EXCLUDED.prev_hash,
                           pruned_count = platform.audit_anchor.pruned_count + EXCLUDED.pruned_count, pruned_at = now()""")) {
                anchor.setLong(1, deleted);
                anchor.executeUpdate();
            }
        }
        return deleted;
    }
}
