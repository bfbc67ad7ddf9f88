package dev.attune.platform.internal.audit;

import dev.attune.platform.api.AuditTrail;
import dev.attune.platform.api.Sql;
import dev.attune.platform.internal.persistence.DatabaseMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** Queries over {@code platform.audit_entry}; every filter is a bound parameter. */
@ApplicationScoped
public class JdbcAuditTrail implements AuditTrail {
    @Inject
    AuditRetentionJob retention;

    @Override
    public int retentionDays() {
        return retention.days();
    }

    @Override
    public long enforceRetention() {
        return retention.run();
    }

    @Resource(lookup = DatabaseMigrator.DATASOURCE)
    DataSource dataSource;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    @Override
    public long count(Query q) {
        List<Object> args = new ArrayList<>();
        return sql.one(
                        "SELECT count(*) FROM platform.audit_entry WHERE " + where(q, args),
                        rs -> rs.getLong(1),
                        args.toArray())
                .orElse(0L);
    }

    @Override
    public List<Entry> search(Query q, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        args.add(Math.max(1, Math.min(limit, 10_000)));
        args.add(Math.max(0, offset));
        return sql.list(
                "SELECT id, occurred_at, actor, action, target, outcome, source_ip, detail::text, hash FROM platform.audit_entry WHERE "
                        + where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                rs -> new Entry(
                        rs.getLong(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)),
                args.toArray());
    }

    @Override
    public List<String> actions() {
        return sql.list("SELECT DISTINCT action FROM platform.audit_entry ORDER BY action", rs -> rs.getString(1));
    }

    private static String where(Query q, List<Object> args) {
        StringBuilder w = new StringBuilder("true");
        if (q.actor() != null && !q.actor().isBlank()) {
            w.append(" AND lower(actor) = lower(?)");
            args.add(q.actor().strip());
        }
        if (q.action() != null && !q.action().isBlank()) {
            w.append(" AND action LIKE ? ESCAPE '\\'");
            args.add(like(q.action().strip()) + "%");
        }
        if (q.target() != null && !q.target().isBlank()) {
            w.append(" AND target ILIKE ? ESCAPE '\\'");
            args.add("%" + like(q.target().strip()) + "%");
        }
        if (q.text() != null && !q.text().isBlank()) {
            w.append(" AND detail::text ILIKE ? ESCAPE '\\'");
            args.add("%" + like(q.text().strip()) + "%");
        }
        if (q.outcome() != null && !q.outcome().isBlank()) {
            w.append(" AND outcome = ?");
            args.add(q.outcome().strip().toUpperCase(Locale.ROOT));
        }
        if (q.from() != null) {
            w.append(" AND occurred_at >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            w.append(" AND occurred_at < ?");
            args.add(q.to());
        }
        return w.toString();
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
