package dev.attune.bench.fuzz;

import dev.attune.bench.fuzz.FuzzRequest.Header;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * The requests for one operation, as a jqwik {@link Arbitrary}: credentials (mostly the right ones, so the body is
 * read), path and query parameters, content type and body, each of them valid or broken in one of the ways a client
 * can break it.
 */
public final class FuzzInputs {
    private final ApiOperation op;
    private final FuzzTarget target;
    private final boolean mayHoldValidCredentials;

    /**
     * @param mayHoldValidCredentials false for operations whose success would sabotage the run or the machine (key
     *     rotation, webhooks that would call out): those get only missing or wrong credentials
     */
    public FuzzInputs(ApiOperation op, FuzzTarget target, boolean mayHoldValidCredentials) {
        this.op = op;
        this.target = target;
        this.mayHoldValidCredentials = mayHoldValidCredentials;
    }

    /** What a request carries to say who sends it: headers, and for the browser channel a query key. */
    record Credentials(List<Header> headers, String queryKey, String what) {}

    record Body(String contentType, byte[] bytes, String what) {}

    public Arbitrary<FuzzRequest> requests() {
        return Combinators.combine(credentials(), path(), query(), body()).as((credentials, path, query, body) -> {
            List<Header> headers = new ArrayList<>(credentials.headers());
            if (body != null && body.contentType() != null) {
                headers.add(new Header("Content-Type", body.contentType()));
            }
            List<String> params = new ArrayList<>(query);
            if (credentials.queryKey() != null) {
                params.add("key=" + encode(credentials.queryKey()));
            }
            String url = path + (params.isEmpty() ? "" : "?" + String.join("&", params));
            String what = credentials.what() + (body == null ? "" : "; " + body.what());
            return new FuzzRequest(op.method(), url, headers, body == null ? null : body.bytes(), what);
        });
    }

    // ---------------------------------------------------------------- credentials

    private Arbitrary<Credentials> credentials() {
        Credentials none = new Credentials(List.of(), null, "no credentials");
        return switch (op.area()) {
            case ADMIN ->
                Arbitraries.frequencyOf(
                        Tuple.of(
                                mayHoldValidCredentials ? 14 : 0,
                                Arbitraries.just(basic(target.adminUser(), target.adminPassword(), "admin"))),
                        Tuple.of(1, Arbitraries.just(none)),
                        // never a wrong password: failed logins lock the client address (all of these come from one),
                        // see Fuzzer's few deliberate ones
                        Tuple.of(
                                1,
                                Arbitraries.of(
                                                "Basic",
                                                "Basic !!!",
                                                "Basic " + b64("no-colon"),
                                                "Basic " + b64(":"),
                                                "Digest username=\"admin\"",
                                                "Bearer " + target.secretKey(),
                                                "Basic " + "A".repeat(6000))
                                        .map(h -> header(h, "malformed Authorization"))));
            case SITE ->
                Arbitraries.frequencyOf(
                        Tuple.of(
                                mayHoldValidCredentials ? 14 : 0,
                                Arbitraries.just(bearer(target.secretKey(), "secret key"))),
                        Tuple.of(1, Arbitraries.just(none)),
                        Tuple.of(
                                1,
                                Arbitraries.of(
                                                "Bearer " + target.publicKey(),
                                                "Bearer sk_" + "0".repeat(40),
                                                "Bearer ",
                                                "Bearer " + target.secretKey() + "x",
                                                "Bearer " + "k".repeat(6000),
                                                "bearer " + target.secretKey().toUpperCase(Locale.ROOT),
                                                "Basic " + b64(target.adminUser() + ":" + target.adminPassword()))
                                        .map(h -> header(h, "wrong Authorization"))));
            case BROWSER ->
                Arbitraries.frequencyOf(
                        Tuple.of(
                                mayHoldValidCredentials ? 14 : 0,
                                Arbitraries.just(new Credentials(
                                        List.of(new Header("Origin", target.origin())),
                                        target.publicKey(),
                                        "public key"))),
                        Tuple.of(1, Arbitraries.just(none)),
                        Tuple.of(
                                1,
                                Arbitraries.of(
                                        new Credentials(
                                                List.of(new Header("Origin", "https://evil.example")),
                                                target.publicKey(),
                                                "foreign origin"),
                                        new Credentials(List.of(), target.publicKey(), "no origin"),
                                        new Credentials(
                                                List.of(new Header("Origin", target.origin())),
                                                target.secretKey(),
                                                "secret key as public"),
                                        new Credentials(
                                                List.of(new Header("Origin", target.origin())),
                                                "pk_" + "0".repeat(40),
                                                "unknown key"),
                                        new Credentials(
                                                List.of(new Header("Origin", "null")),
                                                target.publicKey(),
                                                "origin null"))));
        };
    }

    private static Credentials basic(String user, String password, String what) {
        return header("Basic " + b64(user + ":" + password), what);
    }

    private static Credentials bearer(String key, String what) {
        return header("Bearer " + key, what);
    }

    private static Credentials header(String value, String what) {
        return new Credentials(List.of(new Header("Authorization", value)), null, what);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- path and query

    private Arbitrary<String> path() {
        Arbitrary<String> path = Arbitraries.just(op.path());
        for (ApiOperation.Parameter p : op.pathParameters()) {
            path = Combinators.combine(path, pathValue(p))
                    .as((template, value) -> template.replace("{" + p.name() + "}", value));
        }
        return path;
    }

    /** Raw path segments (already encoded where they must be), the right id most of the time. */
    private Arbitrary<String> pathValue(ApiOperation.Parameter p) {
        String name = p.name().toLowerCase(Locale.ROOT);
        Arbitrary<String> likely = name.equals("username")
                ? Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(s -> "fuzz-" + s) // never "admin"
                : (name.contains("site") || name.equals("id")) && p.type().equals("string")
                        ? Arbitraries.just(target.siteId())
                        : typed(p.type()).map(FuzzInputs::encode);
        return Arbitraries.frequencyOf(
                Tuple.of(4, likely),
                Tuple.of(2, JsonTexts.uuids()),
                Tuple.of(2, JsonTexts.urlStrings().filter(s -> !s.isEmpty()).map(FuzzInputs::encode)),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "not-a-uuid",
                                "-1",
                                "0",
                                "99999999999999999999",
                                "%00",
                                "%C3%28",
                                "%FF",
                                "..",
                                "%2e%2e%2f",
                                "a%2Fb",
                                "%20",
                                "1e10",
                                "true",
                                "x".repeat(3000))));
    }

    private Arbitrary<List<String>> query() {
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (ApiOperation.Parameter p : op.queryParameters()) {
            String name = p.name().toLowerCase(Locale.ROOT);
            Arbitrary<String> value = name.contains("site")
                    ? Arbitraries.frequencyOf(
                            Tuple.of(5, Arbitraries.just(target.siteId())), Tuple.of(1, JsonTexts.uuids()))
                    : typed(p.type());
            Arbitrary<String> anyValue = Arbitraries.frequencyOf(
                    Tuple.of(4, value), Tuple.of(1, JsonTexts.urlStrings()), Tuple.of(1, JsonTexts.numbers()));
            parts.add(Arbitraries.frequencyOf(
                    Tuple.of(3, anyValue.map(v -> encode(p.name()) + "=" + encode(v))),
                    Tuple.of(1, Arbitraries.just("")),
                    Tuple.of(1, Arbitraries.of(p.name(), p.name() + "=", p.name() + "=%C3%28", p.name() + "=%00"))));
        }
        parts.add(Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(1, JsonTexts.urlStrings().map(v -> "unknown=" + encode(v)))));
        return Combinators.combine(parts)
                .as(list -> list.stream().filter(s -> !s.isEmpty()).toList());
    }

    /** A plausible value of the parameter's declared type, often at a boundary. */
    private static Arbitrary<String> typed(String type) {
        return switch (type) {
            case "integer" ->
                Arbitraries.oneOf(
                        Arbitraries.integers().between(-5, 200).map(String::valueOf),
                        Arbitraries.of(
                                "2147483647",
                                "2147483648",
                                "-2147483648",
                                "9223372036854775808",
                                "0",
                                "-1",
                                "1.5",
                                "abc"));
            case "number" -> JsonTexts.numbers();
            case "boolean" -> Arbitraries.of("true", "false", "yes", "1", "");
            default ->
                Arbitraries.oneOf(
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.of(
                                "2026-01-01",
                                "2026-01-01T00:00:00Z",
                                "minute",
                                "day",
                                "1-0-0",
                                "secret",
                                "public",
                                "rating",
                                "email",
                                "anonymous"));
        };
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- body

    /** Null for operations without a body (they get none, or now and then an unexpected one). */
    private Arbitrary<Body> body() {
        if (!op.hasBody()) {
            // a body on GET or DELETE is refused by Payara itself, before Attune: rarely worth a request
            return Arbitraries.frequencyOf(
                    Tuple.of(30, Arbitraries.just((Body) null)),
                    Tuple.of(1, JsonTexts.shapedObjects(op.fieldHints()).map(t -> json(t, "unexpected body"))));
        }
        var hints = op.fieldHints();
        Arbitrary<Body> content = Arbitraries.frequencyOf(
                Tuple.of(25, JsonTexts.shapedObjects(hints).map(t -> json(t, "fields of any type"))),
                Tuple.of(8, JsonTexts.deep(hints).map(t -> json(t, "deep nesting"))),
                Tuple.of(8, JsonTexts.duplicateKeys(hints).map(t -> json(t, "a key twice"))),
                Tuple.of(8, JsonTexts.broken(hints).map(t -> json(t, "not JSON"))),
                Tuple.of(6, JsonTexts.invalidUtf8(hints).map(b -> new Body(null, b, "invalid UTF-8"))),
                Tuple.of(4, JsonTexts.huge(hints).map(t -> json(t, "huge string"))),
                Tuple.of(5, JsonTexts.values(hints).map(t -> json(t, "any JSON value"))),
                Tuple.of(3, Arbitraries.just(new Body(null, new byte[0], "empty body"))));
        return Combinators.combine(content, contentType()).as((b, type) -> new Body(type, b.bytes(), b.what()));
    }

    private Arbitrary<String> contentType() {
        String declared =
                op.consumes().isEmpty() ? "application/json" : op.consumes().get(0);
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(op.consumes().isEmpty() ? List.of(declared) : op.consumes())),
                Tuple.of(
                        1,
                        Arbitraries.of(
                                "text/plain",
                                "application/xml",
                                "application/x-www-form-urlencoded",
                                "multipart/form-data",
                                "application/json; charset=ISO-8859-1",
                                "application/json; charset=nonsense",
                                "////",
                                "application/octet-stream",
                                declared + "; boundary=x")),
                Tuple.of(1, Arbitraries.just((String) null)));
    }

    private static Body json(String text, String what) {
        return new Body(null, text.getBytes(StandardCharsets.UTF_8), what);
    }
}
