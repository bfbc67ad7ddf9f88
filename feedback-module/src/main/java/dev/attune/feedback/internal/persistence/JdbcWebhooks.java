package dev.attune.feedback.internal.persistence;

import dev.attune.feedback.api.WebhookService.Delivery;
import dev.attune.feedback.api.WebhookService.DeliveryStatus;
import dev.attune.feedback.api.WebhookService.Webhook;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Webhooks and their deliveries; a delivery is claimed with a lease, so a crashed sender's claim simply expires. */
@ApplicationScoped
public class JdbcWebhooks {
    private static final String WEBHOOK_COLUMNS = "id, site_id, url, event_types, created_at, disabled_at";

    @Inject
    FeedbackDataSource db;

    /** A claimed delivery: what to send where, signed with which secret. */
    public record Claimed(
            long id, UUID webhookId, UUID eventId, String payload, int attempts, String url, String secret) {}

    public void insert(UUID id, UUID siteId, String url, Set<String> eventTypes, String secret) {
        run(
                "INSERT INTO feedback.webhook (id, site_id, url, event_types, signing_secret) VALUES (?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, id);
                    ps.setObject(2, siteId);
                    ps.setString(3, url);
                    ps.setArray(4, ps.getConnection().createArrayOf("text", eventTypes.toArray()));
                    ps.setString(5, secret);
                    ps.executeUpdate();
                    return null;
                });
    }

    public List<Webhook> list(UUID siteId) {
        return webhooks(
                "SELECT " + WEBHOOK_COLUMNS + " FROM feedback.webhook WHERE site_id = ? ORDER BY created_at DESC",
                siteId);
    }

    public List<Webhook> active(UUID siteId) {
        return webhooks(
                "SELECT " + WEBHOOK_COLUMNS + " FROM feedback.webhook WHERE site_id = ? AND disabled_at IS NULL",
                siteId);
    }

    public Optional<Webhook> find(UUID id) {
        return webhooks("SELECT " + WEBHOOK_COLUMNS + " FROM feedback.webhook WHERE id = ?", id).stream()
                .findFirst();
    }

    public boolean disable(UUID id) {
        return run("UPDATE feedback.webhook SET disabled_at = now() WHERE id = ? AND disabled_at IS NULL", ps -> {
            ps.setObject(1, id);
            return ps.executeUpdate() == 1;
        });
    }

    /** One delivery per webhook and event: a republished event adds nothing. */
    public void enqueue(UUID webhookId, UUID siteId, UUID eventId, String eventType, String payload) {
        run("""
                INSERT INTO feedback.webhook_delivery (webhook_id, site_id, event_id, event_type, payload)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (webhook_id, event_id) DO NOTHING""", ps -> {
            ps.setObject(1, webhookId);
            ps.setObject(2, siteId);
            ps.setObject(3, eventId);
            ps.setString(4, eventType);
            ps.setString(5, payload);
            return ps.executeUpdate();
        });
    }

    /** Up to {@code limit} due deliveries of live webhooks, leased for {@code leaseSeconds}. */
    public List<Claimed> claimDue(int limit, int leaseSeconds) {
        return run("""
                WITH due AS (
                    SELECT d.id FROM feedback.webhook_delivery d JOIN feedback.webhook w ON w.id = d.webhook_id
                    WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND w.disabled_at IS NULL
                    ORDER BY d.next_attempt_at LIMIT ? FOR UPDATE OF d SKIP LOCKED)
                UPDATE feedback.webhook_delivery d SET next_attempt_at = now() + make_interval(secs => ?)
                FROM due, feedback.webhook w
                WHERE d.id = due.id AND w.id = d.webhook_id
                RETURNING d.id, d.webhook_id, d.event_id, d.payload, d.attempts, w.url, w.signing_secret""", ps -> {
            ps.setInt(1, limit);
            ps.setInt(2, leaseSeconds);
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class),
                            rs.getString(4),
                            rs.getInt(5),
                            rs.getString(6),
                            rs.getString(7)));
                }
            }
            return claimed;
        });
    }

    public void delivered(long id, int statusCode) {
        run("""
                UPDATE feedback.webhook_delivery SET status = 'delivered', attempts = attempts + 1, last_status_code = ?,
                       last_error = NULL, delivered_at = now() WHERE id = ?""", ps -> {
            ps.setInt(1, statusCode);
            ps.setLong(2, id);
            return ps.executeUpdate();
        });
    }

    /** A failed try: retried at {@code nextAttempt}, or dead-lettered when that is null. */
    public void failed(long id, Integer statusCode, String error, Instant nextAttempt) {
        run("""
                UPDATE feedback.webhook_delivery SET attempts = attempts + 1, last_status_code = ?, last_error = ?,
                       status = CASE WHEN ?::timestamptz IS NULL THEN 'dead' ELSE 'pending' END,
                       next_attempt_at = coalesce(?::timestamptz, next_attempt_at) WHERE id = ?""", ps -> {
            ps.setObject(1, statusCode);
            ps.setString(2, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error);
            Timestamp next = nextAttempt == null ? null : Timestamp.from(nextAttempt);
            ps.setTimestamp(3, next);
            ps.setTimestamp(4, next);
            ps.setLong(5, id);
            return ps.executeUpdate();
        });
    }

    /** Back to the first try, due now; the webhook it belongs to, if the delivery exists. */
    public Optional<UUID> replay(long id) {
        return run("""
                UPDATE feedback.webhook_delivery SET status = 'pending', attempts = 0, next_attempt_at = now(),
                       delivered_at = NULL WHERE id = ? RETURNING webhook_id""", ps -> {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.<UUID>empty();
            }
        });
    }

    public List<Delivery> deliveries(UUID webhookId, DeliveryStatus status, int offset, int limit) {
        return run("""
                SELECT id, webhook_id, event_id, event_type, status, attempts, next_attempt_at, last_status_code, last_error,
                       created_at, delivered_at
                FROM feedback.webhook_delivery WHERE webhook_id = ? AND (?::text IS NULL OR status = ?::text)
                ORDER BY created_at DESC, id DESC OFFSET ? LIMIT ?""", ps -> {
            String s = status == null ? null : status.name().toLowerCase(Locale.ROOT);
            ps.setObject(1, webhookId);
            ps.setString(2, s);
            ps.setString(3, s);
            ps.setInt(4, offset);
            ps.setInt(5, limit);
            List<Delivery> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp delivered = rs.getTimestamp(11);
                    rows.add(new Delivery(
                            rs.getLong(1),
                            rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class),
                            rs.getString(4),
                            DeliveryStatus.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                            rs.getInt(6),
                            rs.getTimestamp(7).toInstant(),
                            (Integer) rs.getObject(8),
                            rs.getString(9),
                            rs.getTimestamp(10).toInstant(),
                            delivered == null ? null : delivered.toInstant()));
                }
            }
            return rows;
        });
    }

    public long countDeliveries(UUID webhookId, DeliveryStatus status) {
        return run(
                "SELECT count(*) FROM feedback.webhook_delivery WHERE webhook_id = ? AND (?::text IS NULL OR status = ?::text)",
                ps -> {
                    String s = status == null ? null : status.name().toLowerCase(Locale.ROOT);
                    ps.setObject(1, webhookId);
                    ps.setString(2, s);
                    ps.setString(3, s);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
    }

    private List<Webhook> webhooks(String sql, UUID id) {
        return run(sql, ps -> {
            ps.setObject(1, id);
            List<Webhook> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Webhook(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getString(3),
                            new LinkedHashSet<>(
                                    Arrays.asList((String[]) rs.getArray(4).getArray())),
                            rs.getTimestamp(5).toInstant(),
                            rs.getTimestamp(6) == null));
                }
            }
            return rows;
        });
    }

    private interface Work<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private <T> T run(String sql, Work<T> work) {
        try (Connection c = db.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            return work.run(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("Webhook storage failed: " + e.getMessage(), e);
        }
    }
}
