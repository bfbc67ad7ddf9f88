package dev.attune.bench.fuzz;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Row counts of the tables requests write directly (events, sites, keys' sites, consent, schemas, surveys, webhooks,
 * persons, items, rules, segments, experiments, users), counted for the fuzzed site where a table has one: a refused
 * request must leave them as they were. Tables the pipeline or timers write later (profiles, rollups, deliveries) and
 * the audit log (refusals are audited) are not among them.
 */
public final class RowCounts implements AutoCloseable {
    private static final List<String> TABLES = List.of(
            "feedback.event",
            "feedback.event_key",
            "feedback.quarantine",
            "feedback.consent_entry",
            "feedback.event_schema",
            "feedback.survey",
            "feedback.webhook",
            "feedback.site",
            "identity.person",
            "identity.identifier",
            "identity.contact",
            "identity.privacy_request",
            "identity.linkage_import",
            "personalization.item",
            "personalization.rule",
            "personalization.segment",
            "personalization.experiment",
            "personalization.slot",
            "platform.console_user");

    /** Opens a connection to the server's database (the test's or the benchmark's own). */
    public interface Database {
        Connection open() throws Exception;
    }

    private final Database database;
    private final UUID site;
    private String query;
    private List<String> tables;
    /** One connection for the whole run: opening one per check cost more than the requests themselves. */
    private Connection connection;

    public RowCounts(Database database, UUID site) {
        this.database = database;
        this.site = site;
    }

    /** Every table's count, in one statement. */
    public Map<String, Long> snapshot() {
        try {
            Connection c = connection();
            if (query == null) {
                prepare(c);
            }
            try (PreparedStatement ps = c.prepareStatement(query)) {
                int n = 0;
                for (int i = 1; i <= query.chars().filter(ch -> ch == '?').count(); i++) {
                    ps.setObject(++n, site);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Map<String, Long> counts = new LinkedHashMap<>();
                    for (int i = 0; i < tables.size(); i++) {
                        counts.put(tables.get(i), rs.getLong(i + 1));
                    }
                    return counts;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("counting rows failed: " + e.getMessage(), e);
        }
    }

    /** Waits (up to {@code limit}) until the site's outbox is empty: what an accepted event causes is then written. */
    public void awaitQuiet(Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        try (PreparedStatement ps =
                connection().prepareStatement("SELECT count(*) FROM feedback.outbox WHERE site_id = ?")) {
            ps.setObject(1, site);
            while (System.nanoTime() < end) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException("waiting for the outbox failed: " + e.getMessage(), e);
        }
    }

    private Connection connection() throws Exception {
        if (connection == null || connection.isClosed()) {
            connection = database.open();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing after the run; nothing depends on it
        }
    }

    private void prepare(Connection c) throws SQLException {
        List<String> present = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (String table : TABLES) {
            String[] name = table.split("\\.");
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT bool_or(column_name = 'site_id'), count(*) FROM information_schema.columns"
                            + " WHERE table_schema = ? AND table_name = ?")) {
                ps.setString(1, name[0]);
                ps.setString(2, name[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(2) == 0) {
                        continue; // not in this version of the schema
                    }
                    present.add(table);
                    parts.add("(SELECT count(*) FROM " + table + (rs.getBoolean(1) ? " WHERE site_id = ?" : "") + ")");
                }
            }
        }
        tables = present;
        query = "SELECT " + String.join(", ", parts);
    }
}
