package dev.attune.admin.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterListener;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.server.VaadinSession;
import dev.attune.admin.shell.ChangePasswordView;
import dev.attune.admin.shell.LoginView;
import dev.attune.platform.api.ConsoleUserService;
import java.util.Optional;

/**
 * Sends a signed-in user who must change a temporary password (set by an admin, or at creation) to the password
 * change, whatever they navigate to; only the login and the password change itself stay reachable. Once the password
 * is known to be the user's own, the session remembers it and the check costs nothing more.
 */
public final class PasswordChangeGate implements BeforeEnterListener {
    private static final String CLEARED = PasswordChangeGate.class.getName() + ".cleared";

    private final ConsoleUserService users;

    PasswordChangeGate(ConsoleUserService users) {
        this.users = users;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target == null
                || target == ChangePasswordView.class
                || target == LoginView.class
                || HasErrorParameter.class.isAssignableFrom(target)
                || event.hasForwardTarget()
                || event.hasRerouteTarget()) {
            return;
        }
        Optional<String> user = CurrentUser.name();
        if (user.isEmpty() || cleared(user.get())) {
            return;
        }
        if (users.mustChangePassword(user.get())) {
            event.forwardTo(ChangePasswordView.class);
        } else {
            passwordChanged(user.get());
        }
    }

    /** Remembers for this session that the user's password is their own (after they changed it, or once checked). */
    public static void passwordChanged(String username) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(CLEARED, username);
        }
    }

    private static boolean cleared(String username) {
        VaadinSession session = VaadinSession.getCurrent();
        return session != null && username.equals(session.getAttribute(CLEARED));
    }
}
