package dev.attune.platform.internal.security;

import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in sessions by user, so that disabling a user or changing a password ends that user's other
 * sessions at once instead of at their timeout. The container creates the listener; the index is static because the
 * users service (a CDI bean) is another object. Per instance: a cluster needs the sessions' own replication.
 */
@WebListener
public class ConsoleSessions implements HttpSessionListener, HttpSessionAttributeListener {
    /** Set on the session at sign-in: whose session it is. */
    static final String USER = "attune.console-user";

    private static final Map<String, Set<HttpSession>> BY_USER = new ConcurrentHashMap<>();

    @Override
    public void attributeAdded(HttpSessionBindingEvent e) {
        if (USER.equals(e.getName()) && e.getValue() instanceof String user) {
            BY_USER.computeIfAbsent(key(user), k -> ConcurrentHashMap.newKeySet())
                    .add(e.getSession());
        }
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent e) {
        if (USER.equals(e.getName()) && e.getValue() instanceof String previous) {
            forget(previous, e.getSession());
            attributeAdded(new HttpSessionBindingEvent(
                    e.getSession(), USER, e.getSession().getAttribute(USER)));
        }
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent e) {
        Object user = e.getSession().getAttribute(USER);
        if (user instanceof String u) {
            forget(u, e.getSession());
        }
    }

    /** Ends every session of {@code user} except {@code keepSessionId} (the caller's own, or null); answers how many. */
    static int end(String user, String keepSessionId) {
        Set<HttpSession> sessions = BY_USER.getOrDefault(key(user), Set.of());
        int ended = 0;
        for (HttpSession session : Set.copyOf(sessions)) {
            try {
                if (!session.getId().equals(keepSessionId)) {
                    session.invalidate();
                    ended++;
                }
            } catch (IllegalStateException alreadyInvalid) {
                sessions.remove(session);
            }
        }
        return ended;
    }

    private static void forget(String user, HttpSession session) {
        Set<HttpSession> sessions = BY_USER.get(key(user));
        if (sessions != null) {
            sessions.remove(session);
        }
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
