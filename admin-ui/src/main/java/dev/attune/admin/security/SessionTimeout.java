package dev.attune.admin.security;

import com.vaadin.flow.server.HandlerHelper;
import com.vaadin.flow.server.HandlerHelper.RequestType;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signs out a console user who has been idle for {@code attune.console.session-timeout-minutes} (MicroProfile Config,
 * default 30). Each console session's HTTP session gets that maximum inactive interval, which ends sessions whose
 * browser tab was closed. An open tab keeps its session alive with a heartbeat every few minutes, though, so the last
 * request that was neither a heartbeat nor the server-push connection is remembered too, and the first heartbeat after
 * the timeout ends the session: the browser then reloads, and the user signs in again.
 */
@ApplicationScoped
public class SessionTimeout {
    static final String SETTING = "attune.console.session-timeout-minutes";
    static final int DEFAULT_MINUTES = 30;
    private static final String LAST_ACTIVITY = SessionTimeout.class.getName() + ".lastActivity";
    private static final Logger LOG = Logger.getLogger(SessionTimeout.class.getName());

    void register(@Observes ServiceInitEvent event) {
        int minutes = minutes();
        long timeoutMillis = minutes * 60_000L;
        event.getSource()
                .addSessionInitListener(init -> init.getSession().getSession().setMaxInactiveInterval(minutes * 60));
        event.addRequestHandler((session, request, response) -> idle(session, request, response, timeoutMillis));
    }

    /** The configured timeout in minutes; a missing, malformed or non-positive value means the default. */
    static int minutes() {
        try {
            int configured = ConfigProvider.getConfig()
                    .getOptionalValue(SETTING, Integer.class)
                    .orElse(DEFAULT_MINUTES);
            if (configured > 0) {
                return configured;
            }
            LOG.warning(SETTING + " must be a positive number of minutes; using " + DEFAULT_MINUTES);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.log(Level.WARNING, SETTING + " is not a number of minutes; using " + DEFAULT_MINUTES, e);
        }
        return DEFAULT_MINUTES;
    }

    /**
     * Notes the time of every request but heartbeats; on a heartbeat after the timeout, ends the session and answers as
     * Vaadin does for an expired one (410), so the browser reloads to the login. Handles nothing else.
     */
    private static boolean idle(
            VaadinSession session, VaadinRequest request, VaadinResponse response, long timeoutMillis)
            throws IOException {
        WrappedSession http = session == null ? null : session.getSession();
        if (http == null) {
            return false;
        }
        long now = System.currentTimeMillis();
        try {
            if (HandlerHelper.isRequestType(request, RequestType.PUSH)) {
                return false; // (re)opening the server-push channel is not the user doing something; long polling does
                // it often
            }
            if (!HandlerHelper.isRequestType(request, RequestType.HEARTBEAT)) {
                http.setAttribute(LAST_ACTIVITY, now);
                return false;
            }
            Object last = http.getAttribute(LAST_ACTIVITY);
            if (!(last instanceof Long since) || now - since < timeoutMillis) {
                return false;
            }
            session.lock();
            try {
                http.invalidate();
            } finally {
                session.unlock();
            }
        } catch (IllegalStateException alreadyInvalidated) {
            return false;
        }
        response.sendError(410, "Session expired");
        return true;
    }
}
