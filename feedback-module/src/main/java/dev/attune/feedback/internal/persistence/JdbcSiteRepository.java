package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.ConsentMode;
import dev.attune.feedback.api.SiteSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JdbcSiteRepository {
    private static final String COLUMNS =
            "id, name, allowed_origins, public_key_prefix, secret_key_prefix, created_at, consent_mode, retention_days, identity_verification";

    @Inject
    FeedbackDataSource db;

    public void insert(
            UUID id,
            String name,
            List<String> origins,
            String publicHash,
            String publicPrefix,
            String secretHash,
            String secretPrefix,
            ConsentMode consentMode) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO feedback.site (id, name, allowed_origins, public_key_hash, public_key_prefix,
                                                secret_key_hash, secret_key_prefix, consent_mode)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setObject(1, id);
            ps.setString(2, name);
            ps.setArray(3, c.createArrayOf("text", origins.toArray()));
            ps.setString(4, publicHash);
            ps.setString(5, publicPrefix);
            ps.setString(6, secretHash);
            ps.setString(7, secretPrefix);
            ps.setString(8, consentMode.wireName());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing site failed: " + e.getMessage(), e);
        }
    }

    /** True when the site exists and its key was replaced. */
    public boolean replaceKey(UUID id, boolean secret, String hash, String prefix) {
        String sql = secret
                ? "UPDATE feedback.site SET secret_key_hash = ?, secret_key_prefix = ? WHERE id = ? AND revoked_at IS NULL"
                : "UPDATE feedback.site SET public_key_hash = ?, public_key_prefix = ? WHERE id = ? AND revoked_at IS NULL";
        return update(sql, hash, prefix, id) == 1;
    }

    public boolean replaceOrigins(UUID id, List<String> origins) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE feedback.site SET allowed_origins = ? WHERE id = ? AND revoked_at IS NULL")) {
            ps.setArray(1, c.createArrayOf("text", origins.toArray()));
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Updating site failed: " + e.getMessage(), e);
        }
    }

    public boolean replaceRetention(UUID id, int days) {
        return update("UPDATE feedback.site SET retention_days = ? WHERE id = ? AND revoked_at IS NULL", days, id) == 1;
    }

    public boolean replaceIdentityVerification(UUID id, boolean required) {
        return update(
                        "UPDATE feedback.site SET identity_verification = ? WHERE id = ? AND revoked_at IS NULL",
                        required,
                        id)
                == 1;
    }

    /** Every site, revoked ones too: their events age out like any other's. */
    public List<SiteSummary> findAllIncludingRevoked() {
        return query("SELECT " + COLUMNS + " FROM feedback.site ORDER BY created_at");
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Updating site failed: " + e.getMessage(), e);
        }
    }

    public boolean nameTaken(String name) {
        return !query(
                        "SELECT " + COLUMNS + " FROM feedback.site WHERE lower(name) = lower(?) AND revoked_at IS NULL",
                        name)
                .isEmpty();
    }

    public List<SiteSummary> findAll() {
        return query(
                "SELECT " + COLUMNS + " FROM feedback.site WHERE revoked_at IS NULL ORDER BY created_at DESC, name");
    }

    public Optional<SiteSummary> findById(UUID id) {
        return query("SELECT " + COLUMNS + " FROM feedback.site WHERE id = ?", id).stream()
                .findFirst();
    }

    public Optional<SiteSummary> findBySecretHash(String hash) {
        return query("SELECT " + COLUMNS + " FROM feedback.site WHERE secret_key_hash = ? AND revoked_at IS NULL", hash)
                .stream()
                .findFirst();
    }

    public Optional<SiteSummary> findByPublicHash(String hash) {
        return query("SELECT " + COLUMNS + " FROM feedback.site WHERE public_key_hash = ? AND revoked_at IS NULL", hash)
                .stream()
                .findFirst();
    }

    private List<SiteSummary> query(String sql, Object... args) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<SiteSummary> sites = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sites.add(new SiteSummary(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            Arrays.asList((String[]) rs.getArray(3).getArray()),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant(),
                            ConsentMode.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                            rs.getInt(8),
                            rs.getBoolean(9)));
                }
            }
            return sites;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading sites failed: " + e.getMessage(), e);
        }
    }
}
