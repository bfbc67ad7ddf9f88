package dev.attune.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response, set before the response is written. The console runs under a Content Security
 * Policy that Vaadin Flow works with (its bootstrap needs inline scripts and styles and {@code eval}); it may not be
 * framed and sends no referrer. API answers allow nothing to load at all. HSTS only over TLS (a plain-HTTP local run
 * must not pin the host to HTTPS).
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {
    static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** The demo shop loads the widget from this server and may be opened from anywhere, but not framed. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
            + "'unsafe-inline'; img-src 'self' data: https:; connect-src 'self' ws: wss:; object-src 'none'; "
            + "base-uri 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (path.startsWith("/admin")) {
            response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-store");
        } else if (path.startsWith("/api/") || path.startsWith("/health") || path.startsWith("/metrics")) {
            response.setHeader("Content-Security-Policy", API_POLICY);
            response.setHeader("Referrer-Policy", "no-referrer");
        } else if (!path.equals("/widget.js")) {
            // the widget script runs inside other sites' pages: their policy applies, not ours
            response.setHeader("Content-Security-Policy", PAGE_POLICY);
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        }
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        chain.doFilter(request, response);
    }
}
