package dev.attune.platform.internal.rest;

import dev.attune.platform.api.Problems;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}/{@code @DenyAll} on resource methods and classes (CDI resources get no container
 * enforcement): 401 with a Basic challenge when nobody is logged in, 403 when the caller lacks the role.
 */
@Provider
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        String[] roles = rolesFor(resource.getResourceMethod());
        if (roles == null) {
            roles = rolesFor(resource.getResourceClass());
        }
        if (roles != null) {
            context.register(new RoleFilter(roles));
        }
    }

    /** null: no constraint; empty: deny all. */
    private static String[] rolesFor(AnnotatedElement element) {
        if (element.isAnnotationPresent(DenyAll.class)) {
            return new String[0];
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return null;
        }
        RolesAllowed allowed = element.getAnnotation(RolesAllowed.class);
        return allowed == null ? null : allowed.value();
    }

    @Priority(Priorities.AUTHORIZATION)
    private static final class RoleFilter implements ContainerRequestFilter {
        private final String[] roles;

        RoleFilter(String[] roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            SecurityContext security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                request.abortWith(Response.fromResponse(Problems.response(
                                401,
                                "about:blank",
                                "Unauthorized",
                                "This API needs a console user's credentials (HTTP Basic)",
                                List.of()))
                        .header("WWW-Authenticate", "Basic realm=\"attune\", charset=\"UTF-8\"")
                        .build());
                return;
            }
            for (String role : roles) {
                if (security.isUserInRole(role)) {
                    return;
                }
            }
            request.abortWith(Problems.response(
                    403, "about:blank", "Forbidden", "Needs one of the roles " + String.join(", ", roles), List.of()));
        }
    }
}
