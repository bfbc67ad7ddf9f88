package dev.attune.platform.internal.security;

import dev.attune.platform.internal.persistence.DatabaseMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

@ApplicationScoped
class ConsoleUserRepository {

    @Resource(lookup = DatabaseMigrator.DATASOURCE)
    DataSource dataSource;

    Optional<ConsoleUser> findByUsername(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT id, username, password_hash, roles, disabled, must_change_password
                     FROM platform.console_user WHERE lower(username) = lower(?)""")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Set<String> roles =
                        Arrays.stream((String[]) rs.getArray(4).getArray()).collect(Collectors.toUnmodifiableSet());
                return Optional.of(new ConsoleUser(
                        rs.getLong(1), rs.getString(2), rs.getString(3), roles, rs.getBoolean(5), rs.getBoolean(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading console users failed: " + e.getMessage(), e);
        }
    }

    List<ConsoleUser> findAll() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                     SELECT id, username, password_hash, roles, disabled, must_change_password
                     FROM platform.console_user ORDER BY lower(username)""");
                ResultSet rs = ps.executeQuery()) {
            List<ConsoleUser> users = new ArrayList<>();
            while (rs.next()) {
                Set<String> roles =
                        Arrays.stream((String[]) rs.getArray(4).getArray()).collect(Collectors.toUnmodifiableSet());
                users.add(
                        new ConsoleUser(rs.getLong(1), rs.getString(2), "", roles, rs.getBoolean(5), rs.getBoolean(6)));
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading console users failed: " + e.getMessage(), e);
        }
    }

    long count() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM platform.console_user");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Counting console users failed: " + e.getMessage(), e);
        }
    }

    void insert(String username, String passwordHash, Set<String> roles, boolean mustChangePassword) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                     INSERT INTO platform.console_user (username, password_hash, roles, must_change_password)
                     VALUES (?, ?, ?, ?)""")) {
            Array array = c.createArrayOf("text", roles.toArray());
            ps.setString(1, username);
            ps.setString(2, passwordHash);
            ps.setArray(3, array);
            ps.setBoolean(4, mustChangePassword);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Creating console user failed: " + e.getMessage(), e);
        }
    }

    Map<String, Instant> createdAt() {
        Map<String, Instant> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT username, created_at FROM platform.console_user");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading console users failed: " + e.getMessage(), e);
        }
    }

    void update(String username, Set<String> roles, boolean disabled) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE platform.console_user SET roles = ?, disabled = ? WHERE lower(username) = lower(?)")) {
            ps.setArray(1, c.createArrayOf("text", roles.toArray()));
            ps.setBoolean(2, disabled);
            ps.setString(3, username);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Changing a console user failed: " + e.getMessage(), e);
        }
    }

    void setPassword(String username, String passwordHash, boolean mustChange) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE platform.console_user SET password_hash = ?, must_change_password = ? WHERE lower(username) = lower(?)")) {
            ps.setString(1, passwordHash);
            ps.setBoolean(2, mustChange);
            ps.setString(3, username);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Changing a password failed: " + e.getMessage(), e);
        }
    }
}
