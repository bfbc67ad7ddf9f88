package dev.attune.admin.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import dev.attune.admin.shell.LoginView;
import dev.attune.platform.api.ConsoleUserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Every navigation is checked against the target view's @RolesAllowed/@AnonymousAllowed; anonymous users go to login.
 * A signed-in user whose password is temporary goes to the password change first ({@link PasswordChangeGate}).
 */
@ApplicationScoped
public class AccessControlSetup {

    @Inject
    ConsoleUserService users;

    void register(@Observes ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            NavigationAccessControl access = new NavigationAccessControl();
            access.setLoginView(LoginView.class);
            init.getUI().addBeforeEnterListener(access);
            init.getUI().addBeforeEnterListener(new PasswordChangeGate(users));
        });
    }
}
