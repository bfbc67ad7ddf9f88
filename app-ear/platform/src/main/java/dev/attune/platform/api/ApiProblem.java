package dev.attune.platform.api;

/** A request that is well-formed but refused (unknown key, wrong origin, conflict): problem+json with this status. */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;

    public ApiProblem(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
