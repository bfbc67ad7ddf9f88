package dev.attune.feedback.internal.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where webhooks may point: https only, and never into the server's own networks (loopback, link-local such as cloud
 * metadata at 169.254.169.254, private and shared ranges, multicast, unspecified), checked when a webhook is created and
 * again, on every address the host resolves to, before each delivery. A host that resolves to a public address when
 * checked and to an internal one when connected (DNS rebinding) still meets TLS: the internal service would have to
 * present a certificate valid for the attacker's host name. Redirects are never followed (the dispatcher's client).
 * For development, {@code attune.webhooks.allow-http-loopback} admits http and https to loopback addresses only.
 */
@ApplicationScoped
public class WebhookTargets {
    private boolean allowLoopback;

    WebhookTargets() {
        // for CDI
    }

    @Inject
    WebhookTargets(
            @ConfigProperty(name = "attune.webhooks.allow-http-loopback", defaultValue = "false")
                    boolean allowLoopback) {
        this.allowLoopback = allowLoopback;
    }

    /** What is wrong with the URL as a webhook target, or null. An unresolvable host is left to the delivery. */
    public String problem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > 2000) {
            return "must be at most 2000 characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            return "must be an absolute https URL";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry credentials; verify the signature instead";
        }
        try {
            return addressProblem(uri);
        } catch (UnknownHostException e) {
            return "http".equals(uri.getScheme()) ? "must be https" : null;
        }
    }

    /** Resolves the URL's host now: the reason a delivery must not go there, or null. */
    public String deliveryProblem(String url) {
        try {
            return addressProblem(new URI(url));
        } catch (URISyntaxException e) {
            return "bad URL";
        } catch (UnknownHostException e) {
            return "host not found: " + e.getMessage();
        }
    }

    private String addressProblem(URI uri) throws UnknownHostException {
        InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
        boolean allLoopback = true;
        for (InetAddress a : addresses) {
            if (!a.isLoopbackAddress()) {
                allLoopback = false;
                if (internal(a)) {
                    return "must not point at a loopback, link-local, private, multicast or unspecified address ("
                            + a.getHostAddress() + ")";
                }
            }
        }
        if (allLoopback) {
            return allowLoopback ? null : "must not point at this server (loopback)";
        }
        return "http".equals(uri.getScheme()) ? "must be https (http only to loopback in development)" : null;
    }

    /** Addresses of the server's own networks, where a webhook could reach what the internet cannot. */
    static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()
                || a.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // shared address space (carrier NAT)
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7 (site-local above is the old fec0::/10)
        }
        return true;
    }
}
