package dev.attune.admin.security;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import jakarta.servlet.ServletException;
import java.security.Principal;
import java.util.Optional;

/** Who is logged in to the console, from the servlet request; no security framework types leak into views. */
public final class CurrentUser {
    private CurrentUser() {}

    public static Optional<String> name() {
        VaadinRequest request = VaadinRequest.getCurrent();
        Principal p = request == null ? null : request.getUserPrincipal();
        return Optional.ofNullable(p).map(Principal::getName);
    }

    public static boolean hasRole(String role) {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request != null && request.isUserInRole(role);
    }

    public static void logout() {
        try {
            VaadinServletRequest.getCurrent().getHttpServletRequest().logout();
        } catch (ServletException e) {
            // The session is invalidated below either way.
        }
        VaadinSession.getCurrent().getSession().invalidate();
        UI.getCurrent().getPage().setLocation("/admin/login");
    }
}
