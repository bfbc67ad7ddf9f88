package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.EventType;
import dev.attune.feedback.api.WebhookService;
import dev.attune.feedback.internal.persistence.JdbcWebhooks;
import dev.attune.platform.api.ApiProblem;
import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.InvalidInputException;
import dev.attune.platform.api.InvalidInputException.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class DefaultWebhookService implements WebhookService {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    JdbcWebhooks webhooks;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    SiteDirectory sites;

    @Inject
    AuditLog audit;

    @Inject
    WebhookTargets targets;

    @Override
    @Transactional
    public CreatedWebhook create(UUID siteId, String url, Set<String> eventTypes) {
        List<FieldError> errors = new ArrayList<>();
        String problem = targets.problem(url);
        if (problem != null) {
            errors.add(new FieldError("url", problem));
        }
        Set<String> types = eventTypes == null ? Set.of() : new LinkedHashSet<>(eventTypes);
        int i = 0;
        for (String type : types) {
            if (type == null || EventType.fromWire(type).isEmpty()) {
                errors.add(new FieldError("eventTypes/" + i, "is not an event type"));
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(400, "Invalid webhook", errors);
        }
        sites.require(siteId);
        UUID id = UUID.randomUUID();
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String signingSecret = "whsec_" + HexFormat.of().formatHex(secret);
        webhooks.insert(id, siteId, url, types, signingSecret);
        audit.record(
                "webhook.create",
                id.toString(),
                AuditOutcome.SUCCESS,
                Map.of("site", siteId.toString(), "url", url, "eventTypes", List.copyOf(types)));
        dispatcher.forget(siteId);
        return new CreatedWebhook(webhooks.find(id).orElseThrow(), signingSecret);
    }

    @Override
    public List<Webhook> list(UUID siteId) {
        return webhooks.list(siteId);
    }

    @Override
    public Optional<Webhook> find(UUID webhookId) {
        return webhooks.find(webhookId);
    }

    @Override
    @Transactional
    public void disable(UUID webhookId) {
        Webhook hook = webhooks.find(webhookId)
                .orElseThrow(() -> new ApiProblem(404, "Unknown webhook", "No webhook " + webhookId));
        if (webhooks.disable(webhookId)) {
            audit.record("webhook.disable", webhookId.toString(), AuditOutcome.SUCCESS, Map.of("url", hook.url()));
        }
        dispatcher.forget(hook.siteId());
    }

    @Override
    public List<Delivery> deliveries(UUID webhookId, DeliveryStatus status, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > 1000) {
            throw new IllegalArgumentException("offset >= 0 and 0 <= limit <= 1000 required");
        }
        return webhooks.deliveries(webhookId, status, offset, limit);
    }

    @Override
    public long countDeliveries(UUID webhookId, DeliveryStatus status) {
        return webhooks.countDeliveries(webhookId, status);
    }

    @Override
    @Transactional
    public void replay(long deliveryId) {
        UUID webhook = webhooks.replay(deliveryId)
                .orElseThrow(() -> new ApiProblem(404, "Unknown delivery", "No webhook delivery " + deliveryId));
        audit.record("webhook.replay", webhook.toString(), AuditOutcome.SUCCESS, Map.of("delivery", deliveryId));
        dispatcher.wake();
    }

    @Override
    public void send(UUID webhookId, UUID id, String kind, String payloadJson) {
        Webhook hook = webhooks.find(webhookId)
                .filter(Webhook::active)
                .orElseThrow(() -> InvalidInputException.of("webhook", "is not an active webhook"));
        webhooks.enqueue(hook.id(), hook.siteId(), id, kind, payloadJson);
        dispatcher.wake();
    }
}
