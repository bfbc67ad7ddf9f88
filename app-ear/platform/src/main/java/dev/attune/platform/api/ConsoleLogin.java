package dev.attune.platform.api;

/** What the console's login view needs to know about a refused login beyond "wrong password". */
public final class ConsoleLogin {
    /** Request attribute set when a login was refused because too many attempts failed; value: seconds to wait. */
    public static final String LOCKED_OUT_SECONDS = "dev.attune.login.lockedOutSeconds";

    private ConsoleLogin() {}
}
