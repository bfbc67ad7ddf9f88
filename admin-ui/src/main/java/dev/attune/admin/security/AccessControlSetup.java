package dev.attune.admin.security;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import dev.attune.admin.views.LoginView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Every navigation is checked against the target view's @RolesAllowed/@AnonymousAllowed; anonymous users go to login. */
@ApplicationScoped
public class AccessControlSetup {

    void register(@Observes ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            NavigationAccessControl access = new NavigationAccessControl();
            access.setLoginView(LoginView.class);
            init.getUI().addBeforeEnterListener(access);
        });
    }
}
