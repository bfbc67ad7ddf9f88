package dev.attune.platform.api;

import java.util.Set;

/** Console and admin-API roles. ANALYST is the product manager's role: read everything, run experiments. */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String ANALYST = "ANALYST";
    public static final String AUDITOR = "AUDITOR";
    public static final Set<String> ALL = Set.of(ADMIN, ANALYST, AUDITOR);

    private Roles() {}
}
