package dev.attune.personalization.internal.recommendations;

import dev.attune.personalization.api.RecommendationService.Slot;
import dev.attune.platform.api.Sql;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Slots, fits and the log of served lists with their propensities and rewards. */
@ApplicationScoped
public class JdbcRecommendations {

    @Resource(lookup = "java:app/jdbc/attune")
    DataSource dataSource;

    private Sql sql;

    @PostConstruct
    void init() {
        sql = new Sql(dataSource);
    }

    /** A served list as logged. */
    record Served(
            UUID id,
            UUID siteId,
            String subject,
            String slot,
            String strategy,
            String context,
            double propensity,
            long modelVersion,
            String itemsJson,
            Instant servedAt) {}

    List<Slot> slots(UUID siteId) {
        return sql.list(
                "SELECT slot, strategy, size, include_consumed, title FROM personalization.slot WHERE site_id = ? ORDER BY slot",
                rs -> {
                    String strategy = rs.getString(2);
                    List<String> arms = List.of();
                    if (strategy.startsWith("bandit:")) {
                        arms = Arrays.asList(strategy.substring(7).split(","));
                        strategy = "bandit";
                    }
                    return new Slot(rs.getString(1), strategy, arms, rs.getInt(3), rs.getBoolean(4), rs.getString(5));
                },
                siteId);
    }

    void saveSlot(UUID siteId, Slot s) {
        String strategy = s.strategy().equals("bandit") ? "bandit:" + String.join(",", s.arms()) : s.strategy();
        sql.update("""
                INSERT INTO personalization.slot (site_id, slot, strategy, size, include_consumed, title) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (site_id, slot) DO UPDATE SET strategy = EXCLUDED.strategy, size = EXCLUDED.size,
                    include_consumed = EXCLUDED.include_consumed, title = EXCLUDED.title, updated_at = now()""", siteId, s.slot(), strategy, s.size(), s.includeConsumed(), s.title());
    }

    void fitted(UUID siteId, long version, int people, int items, int interactions, String fitMillisJson) {
        sql.update(
                "INSERT INTO personalization.recommendation_fit (site_id, version, people, items, interactions, fit_ms) VALUES (?, ?, ?, ?, ?, ?::jsonb)",
                siteId,
                version,
                people,
                items,
                interactions,
                fitMillisJson);
    }

    long lastVersion(UUID siteId) {
        return sql.one(
                        "SELECT coalesce(max(version), 0) FROM personalization.recommendation_fit WHERE site_id = ?",
                        rs -> rs.getLong(1),
                        siteId)
                .orElse(0L);
    }

    /** Writes served lists in one batch. */
    void log(Collection<Served> lists) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO personalization.recommendation_log (id, site_id, subject, slot, strategy, context, propensity, model_version, items, served_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) ON CONFLICT (id) DO NOTHING""")) {
            for (Served s : lists) {
                ps.setObject(1, s.id());
                ps.setObject(2, s.siteId());
                ps.setString(3, s.subject());
                ps.setString(4, s.slot());
                ps.setString(5, s.strategy());
                ps.setString(6, s.context());
                ps.setDouble(7, s.propensity());
                ps.setLong(8, s.modelVersion());
                ps.setString(9, s.itemsJson());
                ps.setTimestamp(10, Timestamp.from(s.servedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void rewarded(UUID listId, String item, Instant at) {
        sql.update(
                "UPDATE personalization.recommendation_log SET rewarded_at = ?, reward_item = ? WHERE id = ? AND rewarded_at IS NULL",
                at,
                item,
                listId);
    }

    /** Per slot, context and arm of bandit lists in the last days: served and rewarded (the bandit's memory across restarts). */
    List<Object[]> armCounts(int days) {
        return sql.list(
                """
                SELECT site_id, slot, context, strategy, count(*), count(rewarded_at) FROM personalization.recommendation_log
                WHERE served_at > now() - make_interval(days => ?) AND strategy LIKE 'bandit/%' GROUP BY 1, 2, 3, 4""",
                rs -> new Object[] {
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getLong(6)
                },
                days);
    }

    /** Served lists older than this many days go (the bandit and off-policy estimates look back 30). */
    int prune(int days) {
        return sql.update(
                "DELETE FROM personalization.recommendation_log WHERE served_at < now() - make_interval(days => ?)",
                days);
    }

    /** A bandit slot's lists of the last days: arm, the arm's logged propensity, rewarded (1) or not (0). */
    List<Object[]> banditLog(UUID siteId, String slot, int days) {
        return sql.list(
                "SELECT substr(strategy, 8), propensity, (rewarded_at IS NOT NULL)::int FROM personalization.recommendation_log "
                        + "WHERE site_id = ? AND slot = ? AND strategy LIKE 'bandit/%' AND served_at > now() - make_interval(days => ?)",
                rs -> new Object[] {rs.getString(1), rs.getDouble(2), rs.getInt(3)}, siteId, slot, days);
    }

    /** A subject's consent is gone: their served lists go too. */
    void forget(UUID siteId, String subject) {
        sql.update("DELETE FROM personalization.recommendation_log WHERE site_id = ? AND subject = ?", siteId, subject);
    }
}
