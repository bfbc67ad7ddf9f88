package dev.attune.platform.internal.audit;

import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Unauthenticated failures rolled up: each is one upsert of its (window, address, action, outcome) row, outside the
 * audit chain's lock, keeping up to five of the user names tried; {@link #rollUp} turns every closed window into one
 * audit entry ({@code api.login}, FAILURE, target the address, detail {@code failures}, {@code users}, {@code window})
 * and deletes the row in the same transaction, so each failure is audited once even across a crash.
 */
@ApplicationScoped
public class AuthFailures {
    static final int USERS_KEPT = 5;

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    @Inject
    JdbcAuditLog audit;

    @Inject
    @ConfigProperty(name = "attune.audit.failure-window-seconds", defaultValue = "60")
    int windowSeconds;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    public void count(String address, String action, AuditOutcome outcome, String user) {
        long window = Math.max(1, windowSeconds);
        Instant start = Instant.ofEpochSecond(Instant.now().getEpochSecond() / window * window);
        sql.update(
                """
                INSERT INTO platform.auth_failure (window_start, source_ip, action, outcome, failures, users)
                VALUES (?, ?, ?, ?, 1, ARRAY[?]::text[])
                ON CONFLICT (window_start, source_ip, action, outcome) DO UPDATE SET failures = auth_failure.failures + 1,
                    users = CASE WHEN cardinality(auth_failure.users) >= ? OR EXCLUDED.users[1] = ANY (auth_failure.users)
                                 THEN auth_failure.users ELSE auth_failure.users || EXCLUDED.users END""",
                Timestamp.from(start),
                address == null ? "unknown" : address,
                action,
                outcome.name(),
                user == null ? "" : user.length() > 100 ? user.substring(0, 100) : user,
                USERS_KEPT);
    }

    /** Closed windows into the audit log, one entry each; answers how many entries were written. */
    public int rollUp() {
        long window = Math.max(1, windowSeconds);
        Instant open = Instant.ofEpochSecond(Instant.now().getEpochSecond() / window * window);
        try (Connection c = dataSource.getConnection()) {
            return Sql.inTransaction(c, conn -> {
                List<Object[]> rows = new ArrayList<>();
                try (PreparedStatement ps = conn.prepareStatement("""
                        DELETE FROM platform.auth_failure WHERE window_start < ?
                        RETURNING window_start, source_ip, action, outcome, failures, users""")) {
                    ps.setTimestamp(1, Timestamp.from(open));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Object[] {
                                rs.getTimestamp(1).toInstant(),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5),
                                Arrays.asList((String[]) rs.getArray(6).getArray())
                            });
                        }
                    }
                }
                rows.sort((a, b) -> ((Instant) a[0]).compareTo((Instant) b[0]));
                for (Object[] r : rows) {
                    Instant start = (Instant) r[0];
                    audit.appendFrom(
                            conn,
                            start.plusSeconds(window),
                            "anonymous",
                            (String) r[2],
                            (String) r[1],
                            AuditOutcome.valueOf((String) r[3]),
                            (String) r[1],
                            Map.of(
                                    "failures", r[4],
                                    "users", r[5],
                                    "window", start + "/" + start.plusSeconds(window)));
                }
                return rows.size();
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Rolling up authentication failures failed: " + e.getMessage(), e);
        }
    }
}
