package dev.attune.feedback.internal.application;

import static dev.attune.platform.api.JsonSupport.JSON;

import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.WebhookService.Webhook;
import dev.attune.feedback.internal.persistence.JdbcWebhooks;
import dev.attune.feedback.internal.persistence.JdbcWebhooks.Claimed;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns published events into webhook deliveries (one row per webhook and event, so a republished event adds
 * nothing) and sends them: signed POSTs, a 2xx counts as delivered, anything else is retried with exponential backoff
 * and jitter until the last try dead-letters it.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    static final String SIGNATURE_HEADER = "Attune-Signature";
    private static final int CLAIM = 20;
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Resource
    ManagedThreadFactory threads;

    @Inject
    JdbcWebhooks webhooks;

    @Inject
    @ConfigProperty(name = "attune.webhooks.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "attune.webhooks.backoff-base-millis", defaultValue = "2000")
    long backoffBaseMillis;

    @Inject
    @ConfigProperty(name = "attune.webhooks.timeout-seconds", defaultValue = "10")
    int timeoutSeconds;

    @Inject
    WebhookTargets targets;

    private record Cached(List<Webhook> hooks, long loadedAt) {}

    private final Map<UUID, Cached> bySite = new ConcurrentHashMap<>();
    private final Semaphore signal = new Semaphore(0);
    private HttpClient http;
    private Thread thread;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        thread = threads.newThread(this::sendLoop);
        thread.setName("attune-webhooks");
        thread.start();
    }

    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    /** Deliveries enqueued in the relay's transaction, to send once it commits. */
    private volatile boolean enqueued;

    /** The relay's transaction committed: send what it enqueued. */
    void wakeIfEnqueued() {
        if (enqueued) {
            enqueued = false;
            wake();
        }
    }

    /** A site's webhooks changed: read them again. */
    public void forget(UUID siteId) {
        bySite.remove(siteId);
    }

    void onFeedback(@Observes FeedbackReceived event) {
        Cached cached = bySite.get(event.siteId());
        if (cached == null || System.nanoTime() - cached.loadedAt() > CACHE_NANOS) {
            cached = new Cached(webhooks.active(event.siteId()), System.nanoTime());
            bySite.put(event.siteId(), cached);
        }
        String payload = null;
        for (Webhook hook : cached.hooks()) {
            if (hook.eventTypes().isEmpty() || hook.eventTypes().contains(event.type())) {
                if (payload == null) {
                    payload = payload(event);
                }
                webhooks.enqueue(hook.id(), event.siteId(), event.eventId(), event.type(), payload);
            }
        }
        if (payload != null) {
            enqueued = true; // in the relay's transaction: the relay wakes the sender after its commit
        }
    }

    static String payload(FeedbackReceived e) {
        JsonObjectBuilder event = JSON.createObjectBuilder()
                .add("id", e.eventId().toString())
                .add("type", e.type())
                .add("subjectId", e.subjectId())
                .add("occurredAt", e.occurredAt().toString())
                .add("receivedAt", e.receivedAt().toString());
        if (e.itemId() != null) {
            event.add("itemId", e.itemId());
        }
        if (e.value() != null) {
            event.add("value", e.value());
        }
        if (e.text() != null) {
            event.add("text", e.text());
        }
        event.add(
                "properties",
                JSON.createReader(new StringReader(e.propertiesJson())).readObject());
        event.add(
                "context", JSON.createReader(new StringReader(e.contextJson())).readObject());
        return JSON.createObjectBuilder()
                .add("type", "event.stored")
                .add("siteId", e.siteId().toString())
                .add("event", event)
                .build()
                .toString();
    }

    /** {@code t=<seconds>,v1=<hex HMAC-SHA256 over "t.body">}, as receivers verify it. */
    static String signature(String secret, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + epochSeconds + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private void sendLoop() {
        while (!stopping) {
            try {
                signal.tryAcquire(1, TimeUnit.SECONDS);
                signal.drainPermits();
                List<Claimed> due;
                while (!stopping && !(due = webhooks.claimDue(CLAIM, timeoutSeconds * 3)).isEmpty()) {
                    CompletableFuture.allOf(due.stream().map(this::send).toArray(CompletableFuture[]::new))
                            .join();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.log(Level.WARNING, "Webhook delivery failed; retrying", e);
                }
            }
        }
    }

    private CompletableFuture<Void> send(Claimed d) {
        String refused = targets.deliveryProblem(d.url());
        if (refused != null) {
            // resolved again for every delivery: a host may have moved into an internal network since it was checked
            settle(d, null, "refused: " + refused);
            return CompletableFuture.completedFuture(null);
        }
        long now = Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Attune-Webhooks/1")
                    .header(SIGNATURE_HEADER, signature(d.secret(), now, d.payload()))
                    .header("Attune-Event-Id", d.eventId().toString())
                    .header("Attune-Delivery", String.valueOf(d.id()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload()))
                    .build();
        } catch (IllegalArgumentException e) {
            settle(d, null, "bad URL: " + e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
            if (error != null) {
                settle(d, null, error.getCause() != null ? error.getCause().toString() : error.toString());
            } else if (response.statusCode() / 100 == 2) {
                webhooks.delivered(d.id(), response.statusCode());
            } else {
                settle(d, response.statusCode(), "HTTP " + response.statusCode());
            }
            return null;
        });
    }

    private void settle(Claimed d, Integer statusCode, String error) {
        int tries = d.attempts() + 1;
        Instant next = null;
        if (tries < maxAttempts) {
            long delay = Math.min(TimeUnit.HOURS.toMillis(1), backoffBaseMillis << Math.min(tries - 1, 20));
            delay += (long) (delay * 0.25 * ThreadLocalRandom.current().nextDouble());
            next = Instant.now().plusMillis(delay);
        } else {
            LOG.warning(() -> "Webhook delivery " + d.id() + " to " + d.url() + " dead-lettered after " + tries
                    + " tries: " + error);
        }
        webhooks.failed(d.id(), statusCode, error, next);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        wake();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
