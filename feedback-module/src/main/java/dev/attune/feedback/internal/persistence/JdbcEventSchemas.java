package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.EventSchemaService.EventSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JdbcEventSchemas {
    @Inject
    FeedbackDataSource db;

    /** True when inserted, false when that version exists already. */
    public boolean insert(UUID siteId, String name, String version, String schema, String by) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO feedback.event_schema (site_id, name, version, schema, created_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (site_id, name, version) DO NOTHING""")) {
            ps.setObject(1, siteId);
            ps.setString(2, name);
            ps.setString(3, version);
            ps.setString(4, schema);
            ps.setString(5, by);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Registering a schema failed: " + e.getMessage(), e);
        }
    }

    /** Every version of every schema of a site, by name then version. */
    public List<EventSchema> forSite(UUID siteId) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT site_id, name, version, schema, created_at FROM feedback.event_schema WHERE site_id = ? ORDER BY name, version")) {
            ps.setObject(1, siteId);
            List<EventSchema> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new EventSchema(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading schemas failed: " + e.getMessage(), e);
        }
    }
}
