package dev.attune.feedback.internal.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes widget sockets idle for 30 minutes. Tyrus's own idle timeout reschedules a timer task on every message,
 * which cost a quarter of the server's CPU per event; here a message only stores a timestamp, and a sweep once a
 * minute closes the idle ones.
 */
@ApplicationScoped
public class IdleSockets {
    static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(30);

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<Session, long[]> lastActivity = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweep;

    @PostConstruct
    void start() {
        sweep = scheduler.scheduleWithFixedDelay(this::closeIdle, 1, 1, TimeUnit.MINUTES);
    }

    void opened(Session session) {
        lastActivity.put(session, new long[] {System.nanoTime()});
    }

    void active(Session session) {
        long[] last = lastActivity.get(session);
        if (last != null) {
            last[0] = System.nanoTime();
        }
    }

    void closed(Session session) {
        lastActivity.remove(session);
    }

    private void closeIdle() {
        long now = System.nanoTime();
        lastActivity.forEach((session, last) -> {
            if (!session.isOpen()) {
                lastActivity.remove(session);
            } else if (now - last[0] > IDLE_NANOS) {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "idle for 30 minutes"));
                } catch (IOException | RuntimeException e) {
                    // already gone
                }
                lastActivity.remove(session);
            }
        });
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }
}
