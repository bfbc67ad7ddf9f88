package dev.attune.bench.fuzz;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The operations of the server's own {@code /openapi} document (JSON form). */
public final class OpenApiOperations {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    /** Field names in a description's examples, like {"name":…} or "siteId". */
    private static final Pattern QUOTED = Pattern.compile("\"([A-Za-z_][A-Za-z0-9_]{0,40})\"");

    private OpenApiOperations() {}

    /** Fetches and reads the document of the server at {@code baseUrl}. */
    public static List<ApiOperation> fetch(HttpClient http, String baseUrl) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/openapi?format=JSON"))
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("/openapi answered " + r.statusCode());
        }
        return read(r.body());
    }

    /** Every operation of the document, sorted by path and method (so a seeded run is the same run). */
    public static List<ApiOperation> read(String json) {
        JsonObject paths =
                Json.createReader(new StringReader(json)).readObject().getJsonObject("paths");
        List<ApiOperation> operations = new ArrayList<>();
        paths.forEach((path, item) -> item.asJsonObject().forEach((method, op) -> {
            if (METHODS.contains(method)) {
                operations.add(operation(path, method, item.asJsonObject(), op.asJsonObject()));
            }
        }));
        operations.sort(Comparator.comparing(ApiOperation::path).thenComparing(ApiOperation::method));
        return operations;
    }

    private static ApiOperation operation(String path, String method, JsonObject item, JsonObject op) {
        List<ApiOperation.Parameter> inPath = new ArrayList<>();
        List<ApiOperation.Parameter> inQuery = new ArrayList<>();
        for (JsonObject source : List.of(item, op)) {
            if (source.get("parameters") instanceof jakarta.json.JsonArray list) {
                for (JsonValue v : list) {
                    JsonObject p = v.asJsonObject();
                    String type = p.get("schema") instanceof JsonObject s && s.get("type") instanceof JsonString t
                            ? t.getString()
                            : "string";
                    var parameter = new ApiOperation.Parameter(p.getString("name"), type);
                    switch (p.getString("in", "")) {
                        case "path" -> inPath.add(parameter);
                        case "query" -> inQuery.add(parameter);
                        default -> {}
                    }
                }
            }
        }
        // path parameters the document does not list are still in the template
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            String name = m.group(1);
            if (inPath.stream().noneMatch(p -> p.name().equals(name))) {
                inPath.add(new ApiOperation.Parameter(name, "string"));
            }
        }
        List<String> consumes = new ArrayList<>();
        if (op.get("requestBody") instanceof JsonObject body && body.get("content") instanceof JsonObject content) {
            consumes.addAll(content.keySet());
        }
        Set<String> hints = new TreeSet<>();
        for (String text : List.of(op.getString("description", ""), op.getString("summary", ""))) {
            Matcher q = QUOTED.matcher(text);
            while (q.find()) {
                hints.add(q.group(1));
            }
        }
        return ApiOperation.of(method, path, inPath, inQuery, consumes, hints);
    }
}
