package dev.attune.personalization.internal.rules;

import dev.attune.personalization.api.Rule;
import dev.attune.personalization.api.RuleService;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Rules, their firings (what frequency caps count) and their daily hit counts. */
@ApplicationScoped
public class JdbcRules {
    private static final String COLUMNS = """
            r.id, r.site_id, r.key, r.name, r.description, r.priority, r.definition::text, r.active, r.version, r.created_at, r.updated_at,
            coalesce((SELECT sum(fired) FROM personalization.rule_stats s WHERE s.rule_id = r.id AND s.day = current_date), 0),
            coalesce((SELECT sum(fired) FROM personalization.rule_stats s WHERE s.rule_id = r.id AND s.day > current_date - 7), 0),
            coalesce((SELECT sum(capped) FROM personalization.rule_stats s WHERE s.rule_id = r.id AND s.day > current_date - 7), 0)""";

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    void insert(UUID id, UUID siteId, String key, String name, String description, int priority, String definition) {
        try {
            sql.update("""
                    INSERT INTO personalization.rule (id, site_id, key, name, description, priority, definition)
                    VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)""", id, siteId, key, name, description, priority, definition);
        } catch (IllegalStateException e) {
            if (Sql.duplicateKey(e)) {
                throw InvalidInputException.of("key", "another rule of this site has this key");
            }
            throw e;
        }
    }

    void update(UUID id, String name, String description, int priority, String definition, boolean active) {
        sql.update("""
                UPDATE personalization.rule SET name = ?, description = ?, priority = ?, definition = ?::jsonb, active = ?,
                       version = version + 1, updated_at = now() WHERE id = ?""", name, description, priority, definition, active, id);
    }

    void delete(UUID id) {
        sql.update("DELETE FROM personalization.rule WHERE id = ?", id);
    }

    List<Rule> list(UUID siteId) {
        return sql.list(
                "SELECT " + COLUMNS
                        + " FROM personalization.rule r WHERE r.site_id = ? ORDER BY r.priority DESC, r.key",
                JdbcRules::rule,
                siteId);
    }

    List<Rule> active(UUID siteId) {
        return sql.list(
                "SELECT " + COLUMNS
                        + " FROM personalization.rule r WHERE r.site_id = ? AND r.active ORDER BY r.priority DESC, r.key",
                JdbcRules::rule,
                siteId);
    }

    Optional<Rule> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM personalization.rule r WHERE r.id = ?", JdbcRules::rule, id);
    }

    /** When the rule fired for the subject since {@code since}, oldest first. */
    List<Instant> firedSince(UUID ruleId, String subject, Instant since) {
        return sql.list(
                "SELECT fired_at FROM personalization.rule_firing WHERE rule_id = ? AND subject = ? AND fired_at >= ? ORDER BY fired_at",
                rs -> rs.getObject(1, OffsetDateTime.class).toInstant(),
                ruleId,
                subject,
                since);
    }

    void fired(UUID ruleId, UUID siteId, String subject, String action, String detail, Instant at) {
        sql.update(
                "INSERT INTO personalization.rule_firing (rule_id, site_id, subject, action, detail, fired_at) VALUES (?, ?, ?, ?, ?, ?)",
                ruleId,
                siteId,
                subject,
                action,
                detail,
                at);
    }

    /** Adds hit counts of one day (a rule deleted meanwhile is skipped). */
    void count(UUID ruleId, LocalDate day, long fired, long capped) {
        sql.update("""
                INSERT INTO personalization.rule_stats (rule_id, day, fired, capped)
                SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM personalization.rule WHERE id = ?)
                ON CONFLICT (rule_id, day) DO UPDATE SET fired = rule_stats.fired + excluded.fired, capped = rule_stats.capped + excluded.capped""", ruleId, day, fired, capped, ruleId);
    }

    List<RuleService.Day> hits(UUID ruleId, int days) {
        return sql.list(
                """
                SELECT d::date, coalesce(s.fired, 0), coalesce(s.capped, 0)
                FROM generate_series(current_date - (? - 1), current_date, interval '1 day') d
                LEFT JOIN personalization.rule_stats s ON s.rule_id = ? AND s.day = d::date ORDER BY 1""",
                rs -> new RuleService.Day(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)),
                days,
                ruleId);
    }

    List<RuleService.Firing> firings(UUID ruleId, int limit) {
        return sql.list(
                "SELECT subject, action, detail, fired_at FROM personalization.rule_firing WHERE rule_id = ? ORDER BY fired_at DESC, id DESC LIMIT ?",
                rs -> new RuleService.Firing(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()),
                ruleId,
                limit);
    }

    /** A subject's consent is gone: its firings go too. */
    void forget(UUID siteId, String subject) {
        sql.update("DELETE FROM personalization.rule_firing WHERE site_id = ? AND subject = ?", siteId, subject);
    }

    /** Firings older than the longest cap window anyone may set. */
    int prune(Instant before) {
        return sql.update("DELETE FROM personalization.rule_firing WHERE fired_at < ?", before);
    }

    private static Rule rule(ResultSet rs) throws SQLException {
        return new Rule(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getBoolean(8),
                rs.getInt(9),
                rs.getObject(10, OffsetDateTime.class).toInstant(),
                rs.getObject(11, OffsetDateTime.class).toInstant(),
                rs.getLong(12),
                rs.getLong(13),
                rs.getLong(14));
    }
}
