package dev.attune.bench.fuzz;

import java.util.ArrayList;
import java.util.List;

/** What a fuzz run sent and what it found; findings keep the request that caused them. */
public final class FuzzReport {
    /** A request whose answer broke a rule: a 5xx, a 4xx that is not problem+json, or rows written by a refusal. */
    public record Finding(String kind, String operation, int status, String request, String answer) {
        @Override
        public String toString() {
            return kind + " " + status + " on " + operation + "\n  request: " + request + "\n  answer:  " + answer;
        }
    }

    private static final int MAX_KEPT = 50;

    int operations;
    int requests;
    int ok;
    int refused;
    int serverErrors;
    int notProblemJson;
    int halfWritten;
    int transportErrors;
    int containerRefusals;
    private final List<Finding> findings = new ArrayList<>();
    long millis;

    long checkMillis;
    private long answerMillis;
    private long slowestMillis;
    private String slowest = "";

    void timed(String request, long millis) {
        answerMillis += millis;
        if (millis > slowestMillis) {
            slowestMillis = millis;
            slowest = request;
        }
    }

    /** The slowest answer, to see where a run's time goes. */
    public String slowest() {
        return slowestMillis + " ms: " + slowest + " (answers " + answerMillis / 1000 + " s in all, row checks "
                + checkMillis / 1000 + " s)";
    }

    void add(Finding finding) {
        if (findings.size() < MAX_KEPT) {
            findings.add(finding);
        }
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public int operations() {
        return operations;
    }

    public int requests() {
        return requests;
    }

    public int serverErrors() {
        return serverErrors;
    }

    /** True when no request found anything. */
    public boolean clean() {
        return serverErrors == 0 && notProblemJson == 0 && halfWritten == 0 && transportErrors == 0;
    }

    /** The one summary line of {@code bench/run fuzz}. */
    public String summary() {
        return "fuzz: operations=" + operations + " requests=" + requests + " server_errors=" + serverErrors
                + " not_problem_json=" + notProblemJson + " half_written=" + halfWritten + " transport_errors="
                + transportErrors + " accepted_2xx=" + ok + " refused_4xx=" + refused + " refused_by_container="
                + containerRefusals + " seconds="
                + String.format("%.1f", millis / 1000.0);
    }
}
