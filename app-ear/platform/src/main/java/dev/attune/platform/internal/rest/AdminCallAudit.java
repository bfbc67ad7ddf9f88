package dev.attune.platform.internal.rest;

import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.internal.audit.AuthFailures;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every admin API call is an audit entry: {@code api.GET}, {@code api.POST}, … with the path as target, the status, and
 * the names (not the values: they can be personal data) of its query parameters; refused calls (401, 403) are DENIED,
 * and those of nobody signed in are counted per address and window ({@link AuthFailures}) instead.
 * What a call changed is audited by the service that changed it, with before and after.
 */
@Provider
public class AdminCallAudit implements ContainerResponseFilter {
    private static final Logger LOG = Logger.getLogger(AdminCallAudit.class.getName());

    @Inject
    AuditLog audit;

    @Inject
    AuthFailures failures;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("v1/admin/") && !path.startsWith("/v1/admin/")) {
            return;
        }
        int status = response.getStatus();
        AuditOutcome outcome = status < 400
                ? AuditOutcome.SUCCESS
                : status == 401 || status == 403 ? AuditOutcome.DENIED : AuditOutcome.FAILURE;
        try {
            if (request.getSecurityContext().getUserPrincipal() == null && (status == 401 || status == 403)) {
                // nobody signed in: rolled up per address and window with the failed sign-ins, not one entry each
                failures.count(servletRequest.getRemoteAddr(), "api." + request.getMethod(), outcome, null);
                return;
            }
            audit.record(
                    "api." + request.getMethod(),
                    "/api/" + path.replaceFirst("^/", ""),
                    outcome,
                    Map.of(
                            "status",
                            status,
                            "query",
                            new TreeSet<>(
                                    request.getUriInfo().getQueryParameters().keySet())));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Auditing an admin API call failed", e);
        }
    }
}
