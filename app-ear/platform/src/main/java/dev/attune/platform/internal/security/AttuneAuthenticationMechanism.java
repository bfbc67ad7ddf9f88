package dev.attune.platform.internal.security;

import dev.attune.platform.api.AuditLog;
import dev.attune.platform.api.AuditLog.AuditOutcome;
import dev.attune.platform.api.ConsoleLogin;
import dev.attune.platform.api.Problems;
import dev.attune.platform.internal.audit.AuthFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.auth.message.callback.CallerPrincipalCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * One mechanism for the whole application. The console logs in programmatically
 * ({@code SecurityContext.authenticate} with a username/password credential) and keeps the login in its HTTP
 * session, under a new session id; the admin API sends HTTP Basic on each call and never gets or uses a session: a
 * call to {@code /api/} carried only by the console's cookie is refused, so another site cannot ride a signed-in
 * admin's browser into the API. Public ingest uses site keys and never reaches here with a credential. Every attempt
 * is throttled and audited.
 */
@ApplicationScoped
public class AttuneAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final String BASIC = "Basic ";
    private static final String ADMIN_API = "/api/v1/admin/";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    LoginThrottle throttle;

    @Inject
    AuditLog audit;

    @Inject
    AuthFailures failures;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        String channel = "console";
        if (credential == null) {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
                return fromSession(request, response, context);
            }
            credential = parseBasic(header.substring(BASIC.length()).trim());
            channel = "api";
            if (credential == null) {
                return refuse(channel, response, 401, "Malformed Basic credentials");
            }
        }
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return context.doNothing();
        }
        String address = request.getRemoteAddr();
        long locked = throttle.lockedForSeconds(login.getCaller(), address);
        if (locked > 0) {
            request.setAttribute(ConsoleLogin.LOCKED_OUT_SECONDS, locked);
            failures.count(address, channel + ".login", AuditOutcome.DENIED, login.getCaller());
            response.setHeader("Retry-After", Long.toString(locked));
            return refuse(channel, response, 429, "Too many failed logins; retry after " + locked + " s");
        }
        CredentialValidationResult result = identityStores.validate(login);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(login.getCaller(), address);
            AuthenticationStatus status = context.notifyContainerAboutLogin(result);
            if ("console".equals(channel)) {
                audit.recordAs(
                        result.getCallerPrincipal().getName(),
                        "console.login",
                        login.getCaller(),
                        AuditOutcome.SUCCESS,
                        Map.of());
                // a session id known before the sign-in (fixation) must not become a signed-in one
                if (request.getSession(false) != null) {
                    request.changeSessionId();
                }
                request.getSession()
                        .setAttribute(
                                ConsoleSessions.USER,
                                result.getCallerPrincipal().getName());
                context.setRegisterSession(result.getCallerPrincipal().getName(), result.getCallerGroups());
            }
            return status;
        }
        throttle.failed(login.getCaller(), address);
        // rolled up per address and window: a flood of bad credentials is one audit entry a minute, not one each
        failures.count(address, channel + ".login", AuditOutcome.FAILURE, login.getCaller());
        return refuse(channel, response, 401, "Unknown user or wrong password");
    }

    /**
     * A request without credentials: the console's signed-in session applies to the console, never to the API (what
     * {@code @AutoApplySession} would do for every path).
     */
    private AuthenticationStatus fromSession(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Principal signedIn = request.getUserPrincipal();
        if (signedIn == null) {
            return context.doNothing();
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + ADMIN_API)) {
            return refuse(
                    "api",
                    response,
                    401,
                    "The admin API takes HTTP Basic credentials on each call, not the console's session cookie");
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return context.doNothing();
        }
        try {
            context.getHandler()
                    .handle(new Callback[] {new CallerPrincipalCallback(context.getClientSubject(), signedIn)});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new IllegalStateException("the container refused the session's caller", e);
        }
        return AuthenticationStatus.SUCCESS;
    }

    /**
     * The console's login runs inside a Vaadin request whose response must stay intact: it only learns the outcome.
     * API callers get a problem+json answer.
     */
    private static AuthenticationStatus refuse(
            String channel, HttpServletResponse response, int status, String detail) {
        if ("api".equals(channel)) {
            response.setStatus(status);
            response.setHeader("WWW-Authenticate", "Basic realm=\"attune\", charset=\"UTF-8\"");
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            String title = status == 429 ? "Too Many Requests" : "Unauthorized";
            try {
                response.getWriter().write(Problems.json(status, "about:blank", title, detail, List.of()));
            } catch (IOException e) {
                // the client went away; nothing to tell it
            }
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    private static UsernamePasswordCredential parseBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0
                    ? null
                    : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
