package dev.attune.feedback.internal.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The module's own small thread pools, on threads from the container's managed thread factory (so they run with the
 * application's context). Not the container's ManagedExecutorService: Payara captures the caller's context for every
 * task it is given (a ServiceLoader scan of the class path each time), which cost a third of the server's CPU under
 * ingest load when used for acknowledgements and cache refreshes.
 */
@ApplicationScoped
public class Workers {
    @Resource
    ManagedThreadFactory threads;

    private ExecutorService answers;
    private ExecutorService refreshes;
    private ScheduledThreadPoolExecutor timers;

    @PostConstruct
    void start() {
        answers = pool("attune-answers", Math.max(2, Runtime.getRuntime().availableProcessors()));
        refreshes = pool("attune-cache-refresh", 1);
        AtomicInteger count = new AtomicInteger();
        timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = threads.newThread(task);
            t.setName("attune-timers-" + count.incrementAndGet());
            return t;
        });
        timers.setRemoveOnCancelPolicy(true); // timers are mostly cancelled and set again; do not keep the dead ones
    }

    /** Cheap timers for work rescheduled very often (a WebSocket session's idle timeout, per message). */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /** Writes acknowledgements once the group commit completed, off the writer's thread. */
    public Executor answers() {
        return answers;
    }

    /** Background cache reloads and cache maintenance (may wait on the database). */
    public Executor refreshes() {
        return refreshes;
    }

    private ExecutorService pool(String name, int size) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(size, size, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = threads.newThread(task);
            t.setName(name + "-" + count.incrementAndGet());
            return t;
        });
    }

    @PreDestroy
    void stop() {
        for (ExecutorService pool : new ExecutorService[] {answers, refreshes, timers}) {
            pool.shutdown();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
