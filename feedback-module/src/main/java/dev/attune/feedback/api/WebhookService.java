package dev.attune.feedback.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Webhooks: a site subscribes an http(s) URL to event types (none named: all). Each matching stored event is POSTed
 * as JSON, signed with the webhook's secret ({@code Attune-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.body">}), retried with exponential backoff and dead-lettered after the last try; any delivery can be replayed.
 */
public interface WebhookService {

    record Webhook(UUID id, UUID siteId, String url, Set<String> eventTypes, Instant createdAt, boolean active) {}

    /** A new webhook with its signing secret, shown once. */
    record CreatedWebhook(Webhook webhook, String signingSecret) {}

    enum DeliveryStatus {
        PENDING,
        DELIVERED,
        DEAD
    }

    record Delivery(
            long id,
            UUID webhookId,
            UUID eventId,
            String eventType,
            DeliveryStatus status,
            int attempts,
            Instant nextAttemptAt,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            Instant deliveredAt) {}

    /** Rejects a URL that is not absolute http(s) and an unknown event type, field by field. */
    CreatedWebhook create(UUID siteId, String url, Set<String> eventTypes);

    List<Webhook> list(UUID siteId);

    Optional<Webhook> find(UUID webhookId);

    /** Stops deliveries to it (pending ones are not sent); audited. */
    void disable(UUID webhookId);

    /** Newest first; status null for all. */
    List<Delivery> deliveries(UUID webhookId, DeliveryStatus status, int offset, int limit);

    long countDeliveries(UUID webhookId, DeliveryStatus status);

    /** Sends a delivery again from the first try, whatever its state; audited. */
    void replay(long deliveryId);

    /**
     * Queues a payload of the caller's own (a rule's call, say) to one of the site's active webhooks, delivered like
     * event deliveries (signed, retried, dead-lettered, replayable); {@code kind} is shown as its event type, {@code id}
     * makes a retry of the same call a no-op. Refused (field "webhook") for an unknown or disabled webhook.
     */
    void send(UUID webhookId, UUID id, String kind, String payloadJson);
}
