package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.FeedbackBatchReceived;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.internal.persistence.JdbcOutbox;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes FeedbackReceived for every committed outbox row (and ConsentWithdrawn for every recorded withdrawal),
 * in order, at least once, each batch of rows first as one FeedbackBatchReceived: right after a commit here,
 * and by polling for rows committed elsewhere or left by a crash. Observers are idempotent by event id. A row whose
 * observers keep failing is retried with backoff and given up (logged) after a number of attempts.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    JdbcOutbox outbox;

    @Inject
    Event<FeedbackReceived> received;

    @Inject
    Event<FeedbackBatchReceived> batches;

    @Inject
    Event<dev.attune.feedback.api.ConsentWithdrawn> withdrawn;

    @Inject
    @ConfigProperty(name = "attune.outbox.poll-millis", defaultValue = "1000")
    long pollMillis;

    @Inject
    @ConfigProperty(name = "attune.outbox.max-attempts", defaultValue = "8")
    int maxAttempts;

    private static final int BATCH = 500;
    private static final int WITHDRAWAL_BATCH = 100;

    private final Semaphore signal = new Semaphore(0);
    /** A withdrawal was committed here (or may be left from before a start): look before the next poll is due. */
    private volatile boolean withdrawalsWaiting = true;
    private long withdrawalsPolledAt;
    private volatile boolean stopping;
    private Thread thread;

    @PostConstruct
    void start() {
        thread = threads.newThread(this::relayLoop);
        thread.setName("attune-outbox-relay");
        thread.start();
    }

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Wakes the relay for a consent withdrawal, once the caller's transaction has committed it. */
    public void wakeForWithdrawalAfterCommit() {
        afterCommit(() -> {
            withdrawalsWaiting = true;
            wake();
        });
    }

    /** Wakes the relay once the caller's transaction has committed what it should publish (not on rollback). */
    public void wakeAfterCommit() {
        afterCommit(this::wake);
    }

    private void afterCommit(Runnable action) {
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare
            }

            @Override
            public void afterCompletion(int status) {
                if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    private void relayLoop() {
        while (!stopping) {
            try {
                signal.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                signal.drainPermits();
                // a full batch may leave more behind; a partial one took all there was (what commits meanwhile
                // wakes the relay again), so no second pass just to find the outbox empty
                while (!stopping && outbox.publishBatch(BATCH, maxAttempts, this::publish, this::giveUp) == BATCH) {
                    // keep going while there is a backlog
                }
                // withdrawals when one was committed here, else once per poll interval (other instances' rows, retries,
                // rows left by a crash): not on every pass, which under ingest load is hundreds of times a second
                long now = System.nanoTime();
                if (withdrawalsWaiting || now - withdrawalsPolledAt >= TimeUnit.MILLISECONDS.toNanos(pollMillis)) {
                    withdrawalsWaiting = false;
                    withdrawalsPolledAt = now;
                    while (!stopping && outbox.publishWithdrawals(WITHDRAWAL_BATCH, maxAttempts, this::publishWithdrawal) == WITHDRAWAL_BATCH) {
                        // withdrawals too
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (stopping) {
                    return;
                }
                LOG.log(Level.WARNING, "Publishing the outbox failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    /**
     * The batch, then each of its events; when a batch observer fails, each event again as a batch of one before
     * itself, so one event the observers cannot take fails alone.
     */
    private List<String> publish(List<FeedbackReceived> events) {
        List<String> errors = new ArrayList<>(events.size());
        if (events.size() > 1 && fire(batches, new FeedbackBatchReceived(events), "a batch of " + events.size() + " events") == null) {
            for (FeedbackReceived event : events) {
                errors.add(fire(received, event, "event " + event.eventId()));
            }
            return errors;
        }
        for (FeedbackReceived event : events) {
            String error = fire(batches, new FeedbackBatchReceived(List.of(event)), "event " + event.eventId());
            errors.add(error != null ? error : fire(received, event, "event " + event.eventId()));
        }
        return errors;
    }

    private String publishWithdrawal(dev.attune.feedback.api.ConsentWithdrawn event) {
        return fire(withdrawn, event, "a consent withdrawal of " + event.subjectId());
    }

    /** Null when every observer took it; otherwise the error, and the row is retried. */
    private <T> String fire(Event<T> channel, T event, String what) {
        if (stopping) {
            // Undeploying: observers may already be gone. Abort the batch; its rows stay for the next publisher.
            throw new IllegalStateException("relay stopping");
        }
        try {
            channel.fire(event);
            return null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An observer failed on " + what + "; it will be retried", e);
            return e.toString();
        }
    }

    private void giveUp(JdbcOutbox.Pending pending) {
        LOG.severe(() -> "Gave up publishing event " + pending.event().eventId() + " of site " + pending.event().siteId()
                + " after " + maxAttempts + " attempts; the event itself is stored");
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the relay thread, so no publishing outlives the application (and its observers). */
    @PreDestroy
    void stop() {
        stopping = true;
        wake();
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
