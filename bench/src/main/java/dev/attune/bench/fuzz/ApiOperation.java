package dev.attune.bench.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One operation of the OpenAPI document: its method and path template, its parameters, the media types it consumes,
 * and the field names its description mentions (bodies are read as streams, so the document has no body schema).
 */
public record ApiOperation(
        String method,
        String path,
        List<Parameter> pathParameters,
        List<Parameter> queryParameters,
        List<String> consumes,
        Set<String> fieldHints) {

    /** A path or query parameter with its schema type ("string", "integer", "boolean", "number"). */
    public record Parameter(String name, String type) {}

    /** Who may call it, read from the path as the API is laid out. */
    public enum Area {
        /** {@code /api/v1/admin/...}: console users by HTTP Basic. */
        ADMIN,
        /** {@code /api/v1/collect}: the widget's fallback, a public key in {@code ?key=} from an allowed Origin. */
        BROWSER,
        /** Everything else: a site's secret key as a Bearer token. */
        SITE
    }

    public Area area() {
        if (path.contains("/v1/admin/")) {
            return Area.ADMIN;
        }
        return path.endsWith("/v1/collect") ? Area.BROWSER : Area.SITE;
    }

    public boolean hasBody() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    public String name() {
        return method + " " + path;
    }

    static ApiOperation of(
            String method,
            String path,
            List<Parameter> pathParameters,
            List<Parameter> queryParameters,
            List<String> consumes,
            Set<String> fieldHints) {
        return new ApiOperation(
                method.toUpperCase(Locale.ROOT),
                path,
                List.copyOf(pathParameters),
                List.copyOf(queryParameters),
                List.copyOf(consumes),
                Set.copyOf(fieldHints));
    }
}
