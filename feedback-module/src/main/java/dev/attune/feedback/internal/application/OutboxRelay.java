package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.ConsentWithdrawn;
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
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes every committed outbox row (and ConsentWithdrawn for every recorded withdrawal), in order: right after a
 * commit here, and by polling for rows committed elsewhere or left by a crash. A batch of rows is announced as one
 * FeedbackBatchReceived, then each event as FeedbackReceived, inside one JTA transaction that also deletes the rows:
 * whatever the observers write (the personalization pipeline's derived state, webhook deliveries) commits together
 * with the rows' deletion, or not at all. So a row is applied exactly once: a failure or crash before the commit
 * leaves both the rows and nothing derived from them; after it, neither. When a batch fails, each of its events is
 * tried alone in a transaction of its own, so one event the observers cannot take holds back no other; such a row is
 * retried with backoff and given up (logged) after a number of attempts.
 * <p>{@code attune.outbox.workers} threads publish side by side, each the rows of its share of subjects (a hash of the
 * subject id), so one subject's events are published in order by one worker while other subjects' go on beside them.
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
    Event<ConsentWithdrawn> withdrawn;

    /** Looked up on a relay thread: where the relay is created (a container-managed startup bean) it may not be. */
    private volatile UserTransaction transaction;

    @Inject
    WebhookDispatcher webhooks;

    @Inject
    @ConfigProperty(name = "attune.outbox.poll-millis", defaultValue = "1000")
    long pollMillis;

    @Inject
    @ConfigProperty(name = "attune.outbox.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "attune.outbox.workers", defaultValue = "1")
    int workerCount;

    private static final int BATCH = 500;
    /** A bulk batch while visitors' events arrive: small enough that one ahead of them is short. */
    private static final int BULK_BATCH_BESIDE_LIVE = 50;

    private static final long LIVE_RECENT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int WITHDRAWAL_BATCH = 100;

    /** One publishing thread: the rows of subjects whose hash falls in its partition. */
    private final class Worker {
        final int partition;
        final Semaphore signal = new Semaphore(0);
        long liveSeenAt = Long.MIN_VALUE / 2;
        Thread thread;

        Worker(int partition) {
            this.partition = partition;
        }

        void wake() {
            if (signal.availablePermits() == 0) {
                signal.release();
            }
        }
    }

    private final List<Worker> workers = new ArrayList<>();
    /**
     * Batches are published under the read lock, consent withdrawals under the write lock: a withdrawal's observers
     * (which drop what was derived from the subject) run when no batch that read the subject's consent before the
     * withdrawal is still applying its events, as with one publisher.
     */
    private final ReentrantReadWriteLock publishing = new ReentrantReadWriteLock();
    /** A withdrawal was committed here (or may be left from before a start): look before the next poll is due. */
    private volatile boolean withdrawalsWaiting = true;

    private long withdrawalsPolledAt;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        for (int i = 0; i < Math.max(1, workerCount); i++) {
            Worker w = new Worker(i);
            w.thread = threads.newThread(() -> relayLoop(w));
            w.thread.setName("attune-outbox-relay-" + i);
            workers.add(w);
        }
        workers.forEach(w -> w.thread.start());
    }

    @Resource
    TransactionSynchronizationRegistry transactions;

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
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to prepare
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }

    public void wake() {
        for (Worker w : workers) {
            w.wake();
        }
    }

    private void relayLoop(Worker worker) {
        try {
            transaction = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        } catch (NamingException e) {
            LOG.log(Level.SEVERE, "No JTA UserTransaction for the outbox relay; nothing will be published", e);
            return;
        }
        while (!stopping) {
            try {
                worker.signal.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                worker.signal.drainPermits();
                // a full batch (or one of the live lane) may leave more behind; a partial bulk batch took all there
                // was (what commits meanwhile wakes the relay again), so no second pass just to find the outbox empty
                while (!stopping && publishBatch(worker)) {
                    // keep going while there is a backlog
                }
                // withdrawals (by the first worker) when one was committed here, else once per poll interval (other
                // instances' rows, retries, rows left by a crash): not on every pass, which under ingest load is
                // hundreds of times a second
                long now = System.nanoTime();
                if (worker.partition == 0
                        && (withdrawalsWaiting
                                || now - withdrawalsPolledAt >= TimeUnit.MILLISECONDS.toNanos(pollMillis))) {
                    withdrawalsWaiting = false;
                    withdrawalsPolledAt = now;
                    publishing.writeLock().lock();
                    try {
                        while (!stopping
                                && outbox.publishWithdrawals(WITHDRAWAL_BATCH, maxAttempts, this::publishWithdrawal)
                                        == WITHDRAWAL_BATCH) {
                            // withdrawals too
                        }
                    } finally {
                        publishing.writeLock().unlock();
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
     * The due rows of one lane, announced and deleted in one transaction; when that fails, each row alone in its own.
     * Answers whether more may be due.
     */
    private boolean publishBatch(Worker worker) throws Exception {
        publishing.readLock().lock();
        try {
            return publishBatchLocked(worker);
        } finally {
            publishing.readLock().unlock();
        }
    }

    private boolean publishBatchLocked(Worker worker) throws Exception {
        List<JdbcOutbox.Pending> rows = new ArrayList<>();
        boolean[] more = new boolean[1];
        String error = inTransaction(
                () -> {
                    // the live lane first; behind a bulk backlog, bulk batches stay small while visitors are sending,
                    // so a
                    // visitor's event waits for at most one small batch, not for the backlog
                    int bulkLimit =
                            System.nanoTime() - worker.liveSeenAt < LIVE_RECENT_NANOS ? BULK_BATCH_BESIDE_LIVE : BATCH;
                    rows.addAll(outbox.take(BATCH, bulkLimit, worker.partition, workers.size()));
                    if (!rows.isEmpty() && rows.get(0).live()) {
                        worker.liveSeenAt = System.nanoTime();
                        more[0] = true;
                    } else {
                        more[0] = rows.size() == bulkLimit;
                    }
                    if (!rows.isEmpty()) {
                        announce(rows.stream().map(JdbcOutbox.Pending::event).toList());
                    }
                },
                () -> "a batch of " + rows.size() + " events");
        if (error != null) {
            for (JdbcOutbox.Pending row : rows) {
                publishAlone(row.id());
            }
        }
        return more[0];
    }

    /** One row in a transaction of its own (unless another publisher settled it meanwhile); a failure is recorded. */
    private void publishAlone(long id) throws Exception {
        JdbcOutbox.Pending[] found = new JdbcOutbox.Pending[1];
        String error = inTransaction(
                () -> {
                    found[0] = outbox.takeOne(id).orElse(null);
                    if (found[0] != null) {
                        announce(List.of(found[0].event()));
                    }
                },
                () -> "the event of outbox row " + id);
        if (error != null && found[0] != null) {
            if (found[0].attempts() + 1 >= maxAttempts) {
                giveUp(found[0]);
                inTransaction(() -> outbox.takeOne(id), () -> "giving up outbox row " + id);
            } else {
                outbox.recordFailure(id, error);
            }
        }
    }

    /** The batch, then each of its events (for consumers of single events, such as webhooks). */
    private void announce(List<FeedbackReceived> events) {
        if (stopping) {
            // Undeploying: observers may already be gone. Abort; the rows stay for the next publisher.
            throw new IllegalStateException("relay stopping");
        }
        batches.fire(new FeedbackBatchReceived(events));
        for (FeedbackReceived event : events) {
            received.fire(event);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs the work in a JTA transaction of its own: null when it committed, else the error (rolled back). */
    private String inTransaction(Work work, Supplier<String> what) throws Exception {
        transaction.begin();
        try {
            work.run();
            transaction.commit();
            webhooks.wakeIfEnqueued();
            return null;
        } catch (Exception | LinkageError e) {
            if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            if (stopping) {
                throw e;
            }
            LOG.log(Level.WARNING, "Publishing " + what.get() + " failed; rolled back, it will be retried", e);
            return e.toString();
        }
    }

    private String publishWithdrawal(ConsentWithdrawn event) {
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
        LOG.severe(() -> "Gave up publishing event " + pending.event().eventId() + " of site "
                + pending.event().siteId() + " after " + maxAttempts + " attempts; the event itself is stored");
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the relay threads, so no publishing outlives the application (and its observers). */
    @PreDestroy
    void stop() {
        stopping = true;
        wake();
        for (Worker w : workers) {
            w.thread.interrupt();
        }
        for (Worker w : workers) {
            try {
                w.thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
