package dev.attune.bench.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import net.jqwik.engine.SourceOfRandomness;

/**
 * Sends each operation's generated requests and checks every answer: never a 5xx; a 4xx is
 * {@code application/problem+json} whose status is the answer's; after a refusal the main tables' row counts (see
 * {@link RowCounts}) are unchanged. Operations run in a fixed order, each from its own seed, so a finding is reproduced
 * by running again with the same seed.
 */
public final class Fuzzer {
    /**
     * Never sent with valid credentials: their success would sabotage the run or other tests on the same server (new
     * keys, a reset pipeline, retention or key sealing across all sites, the audit log pruned) or call out of the
     * machine (webhooks deliver to the URL they are given).
     */
    private static final Pattern GUARDED = Pattern.compile(
            "POST /api/v1/admin/(sites/\\{id}/keys/.*|profiles/pipeline/reset|audit/retention|identity/keys/reseal"
                    + "|retention/run|retention/profiles/run|webhooks|webhooks/deliveries/.*)");

    private static final Set<String> BODY_LESS = Set.of("GET", "DELETE");

    private final HttpClient http;
    private final FuzzTarget target;
    private final RowCounts counts;
    private final Consumer<String> log;

    /** @param counts null to skip the row-count check (no database access) */
    public Fuzzer(FuzzTarget target, RowCounts counts, Consumer<String> log) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.target = target;
        this.counts = counts;
        this.log = log;
    }

    public HttpClient http() {
        return http;
    }

    /** Runs {@code tries} requests per operation; the site's and the browser's operations first, then the admin's. */
    public FuzzReport run(List<ApiOperation> operations, int tries, long seed) {
        return run(operations, tries, tries, seed);
    }

    /**
     * As {@link #run(List, int, long)} with fewer tries for admin operations: each admin request with valid Basic
     * credentials costs the server a PBKDF2 check (about 150 ms here), a site key's costs next to nothing.
     */
    public FuzzReport run(List<ApiOperation> operations, int tries, int adminTries, long seed) {
        FuzzReport report = new FuzzReport();
        long start = System.nanoTime();
        List<ApiOperation> ordered = new ArrayList<>(operations);
        ordered.sort(Comparator.comparing(ApiOperation::area, Comparator.reverseOrder())
                .thenComparing(ApiOperation::path)
                .thenComparing(ApiOperation::method));
        Map<String, Long> baseline = counts == null ? null : counts.snapshot();
        for (ApiOperation op : ordered) {
            report.operations++;
            boolean guarded = GUARDED.matcher(op.name()).matches();
            // each operation from its own seed: adding an operation does not change the others' requests
            SourceOfRandomness.create(Long.toString(seed ^ op.name().hashCode()));
            List<FuzzRequest> requests = new FuzzInputs(op, target, !guarded)
                    .requests()
                    .sampleStream()
                    .limit(op.area() == ApiOperation.Area.ADMIN ? adminTries : tries)
                    .toList();
            for (FuzzRequest request : requests) {
                baseline = send(op, request, report, baseline);
            }
            if (op.area() == ApiOperation.Area.ADMIN && report.operations % 40 == 0) {
                // a few wrong passwords, well below the lock-out of the client address (20 in 15 minutes)
                baseline = send(op, wrongPassword(op), report, baseline);
            }
        }
        report.millis = (System.nanoTime() - start) / 1_000_000;
        return report;
    }

    /**
     * Refused by Payara's HTTP layer before any of Attune's code runs (a request line or header over 8 KB, a path
     * that is not valid percent-encoded UTF-8, a body on GET or DELETE): an empty answer or the server's own HTML
     * error page. Counted, not held against the application, which never sees these requests.
     */
    private static boolean containerRefusal(HttpResponse<String> answer, String type) {
        return (type.isEmpty() && answer.body().isBlank())
                || (type.startsWith("text/html") && answer.body().contains("<title>Payara Server"));
    }

    private FuzzRequest wrongPassword(ApiOperation op) {
        String basic = Base64.getEncoder()
                .encodeToString(
                        (target.adminUser() + ":wrong-" + target.adminPassword()).getBytes(StandardCharsets.UTF_8));
        return new FuzzRequest(
                op.method(),
                op.path().replaceAll("\\{[^}]+}", target.siteId()),
                List.of(new FuzzRequest.Header("Authorization", "Basic " + basic)),
                null,
                "wrong password");
    }

    private Map<String, Long> send(
            ApiOperation op, FuzzRequest request, FuzzReport report, Map<String, Long> baseline) {
        report.requests++;
        HttpResponse<String> answer;
        long sent = System.nanoTime();
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + request.pathAndQuery()))
                    .timeout(Duration.ofSeconds(60));
            request.headers().forEach(h -> b.header(h.name(), h.value()));
            HttpRequest.BodyPublisher body = request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(request.body());
            b.method(
                    request.method(),
                    request.body() == null && BODY_LESS.contains(request.method())
                            ? HttpRequest.BodyPublishers.noBody()
                            : body);
            answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            report.transportErrors++;
            report.add(new FuzzReport.Finding("transport", op.name(), 0, request.describe(), e.toString()));
            log.accept("transport error on " + op.name() + ": " + e);
            return baseline;
        }
        report.timed(op.name() + " [" + request.what() + "]", (System.nanoTime() - sent) / 1_000_000);
        int status = answer.statusCode();
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String shown = answer.body().length() > 400 ? answer.body().substring(0, 400) + "…" : answer.body();
        if (status >= 500) {
            report.serverErrors++;
            report.add(new FuzzReport.Finding("server_error", op.name(), status, request.describe(), shown));
            log.accept("5xx " + status + " on " + op.name() + " [" + request.what() + "]: " + shown);
        } else if (status >= 400) {
            report.refused++;
            if (containerRefusal(answer, type)) {
                report.containerRefusals++;
            } else if (!type.startsWith("application/problem+json")
                    || !answer.body().contains("\"status\":" + status)) {
                report.notProblemJson++;
                report.add(new FuzzReport.Finding(
                        "not_problem_json", op.name(), status, request.describe(), type + " " + shown));
            }
        } else {
            report.ok++;
        }
        if (counts == null) {
            return baseline;
        }
        long checking = System.nanoTime();
        try {
            return checkRows(op, request, report, baseline, status);
        } finally {
            report.checkMillis += (System.nanoTime() - checking) / 1_000_000;
        }
    }

    private Map<String, Long> checkRows(
            ApiOperation op, FuzzRequest request, FuzzReport report, Map<String, Long> baseline, int status) {
        if (status < 400) {
            counts.awaitQuiet(Duration.ofSeconds(10));
            return counts.snapshot();
        }
        Map<String, Long> now = counts.snapshot();
        if (!now.equals(baseline)) {
            report.halfWritten++;
            report.add(new FuzzReport.Finding(
                    "half_written",
                    op.name(),
                    status,
                    request.describe(),
                    "rows before " + baseline + " after " + now));
            return now;
        }
        return baseline;
    }
}
