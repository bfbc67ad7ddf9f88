package dev.attune.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One generated request: method, path with query, headers in order, the body's bytes (null: none) and what was
 * mangled, for the report.
 */
public record FuzzRequest(String method, String pathAndQuery, List<Header> headers, byte[] body, String what) {

    public record Header(String name, String value) {}

    /** A line for a report: the request as far as it can be shown (a long body is cut). */
    public String describe() {
        String shown = body == null ? "" : new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return method + " " + pathAndQuery + " [" + what + "] headers=" + headers + " body("
                + (body == null ? 0 : body.length) + " bytes)=" + shown.replaceAll("\\s+", " ");
    }
}
