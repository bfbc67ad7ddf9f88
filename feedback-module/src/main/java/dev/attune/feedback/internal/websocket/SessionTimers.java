package dev.attune.feedback.internal.websocket;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;

/**
 * Tyrus (Payara's WebSocket implementation) cancels and reschedules a session's idle-timeout task on every message
 * received and sent, whatever the timeout, on the container's ManagedScheduledExecutorService, which captures the
 * caller's context for each task (a class-path ServiceLoader scan): measured at over half of the server's CPU per
 * WebSocket event. Each widget session is handed a plain scheduler instead; the idle timeout itself stays Tyrus's.
 * On another WebSocket implementation this does nothing.
 */
final class SessionTimers {
    private static final Logger LOG = Logger.getLogger(SessionTimers.class.getName());
    private static final Field SERVICE = serviceField();

    private SessionTimers() {}

    static void use(Session session, ScheduledExecutorService timers) {
        if (SERVICE != null && SERVICE.getDeclaringClass().isInstance(session)) {
            try {
                SERVICE.set(session, timers);
            } catch (IllegalAccessException | RuntimeException e) {
                LOG.fine(() -> "Could not give the session its own timer: " + e);
            }
        }
    }

    private static Field serviceField() {
        try {
            Field field = Class.forName(
                            "org.glassfish.tyrus.core.TyrusSession", false, SessionTimers.class.getClassLoader())
                    .getDeclaredField("service");
            if (!ScheduledExecutorService.class.isAssignableFrom(field.getType())) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info(() -> "WebSocket sessions keep the container's scheduler for idle timeouts (" + e + ")");
            return null;
        }
    }
}
