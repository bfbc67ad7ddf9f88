package dev.attune.admin;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Work the console does off the request thread: the container's default managed executors, so a task runs with the
 * context of the request that started it (naming, class loader, the signed-in user for the audit log) and the container
 * stops it at undeploy. A task that changes the page must do so inside {@code UI.access}, which the console's server push
 * ({@link AppShell}) then sends to the browser; {@code CurrentUser} is unknown there (there is no request), so read
 * roles and the user's name before starting one.
 *
 * <p>Payara captures the caller's context for every task submitted (a class-path scan each time): fine for the rare
 * "Run now" and for one periodic dashboard refresh per open dashboard, not for anything submitted per event.
 */
@ApplicationScoped
public class ConsoleTasks {
    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** For one-off background work (a retention run). */
    public Executor executor() {
        return executor;
    }

    /** For periodic work while a view is shown (the dashboard's live refresh); cancel it when the view detaches. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }
}
