package dev.attune.feedback.internal.application;

import dev.attune.feedback.api.IngestUnavailableException;
import dev.attune.feedback.api.SubmissionResult;
import dev.attune.feedback.internal.persistence.JdbcEventStore;
import dev.attune.feedback.internal.persistence.JdbcEventStore.Candidate;
import dev.attune.feedback.internal.persistence.JdbcEventStore.Key;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit: events from every channel queue here; each writer thread takes what has gathered (waiting at most
 * the linger time for more, up to a batch), stores it with its outbox rows in one transaction, and only then
 * completes each caller's acknowledgement. Throughput comes from many events per commit, latency stays at about one
 * commit plus the linger.
 */
@ApplicationScoped
public class GroupCommitWriter {
    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());

    @Resource
    ManagedThreadFactory threads;

    @Inject
    JdbcEventStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    @ConfigProperty(name = "attune.ingest.writers", defaultValue = "2")
    int writers;

    @Inject
    @ConfigProperty(name = "attune.ingest.max-batch", defaultValue = "500")
    int maxBatch;

    @Inject
    @ConfigProperty(name = "attune.ingest.linger-micros", defaultValue = "2000")
    long lingerMicros;

    @Inject
    @ConfigProperty(name = "attune.ingest.queue-capacity", defaultValue = "50000")
    int queueCapacity;

    private BlockingQueue<Pending> queue;
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopping;

    private record Pending(Candidate candidate, CompletableFuture<SubmissionResult> ack) {}

    @PostConstruct
    void start() {
        queue = new LinkedBlockingQueue<>(queueCapacity);
        for (int i = 0; i < writers; i++) {
            Thread t = threads.newThread(this::writeLoop);
            t.setName("attune-group-commit-" + i);
            t.start();
            running.add(t);
        }
    }

    /** Completes after the commit that stored the events (or found them stored already), in the given order. */
    public CompletionStage<List<SubmissionResult>> submit(List<Candidate> candidates) {
        List<CompletableFuture<SubmissionResult>> acks = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            CompletableFuture<SubmissionResult> ack = new CompletableFuture<>();
            if (stopping || !queue.offer(new Pending(c, ack))) {
                ack.completeExceptionally(new IngestUnavailableException(
                        stopping ? "Attune is shutting down" : "The ingest queue is full; retry shortly"));
            }
            acks.add(ack);
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .thenApply(done -> acks.stream().map(CompletableFuture::join).toList());
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                gather(batch);
                write(batch);
            } catch (InterruptedException e) {
                if (!stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** Takes what is queued; when that is little, waits up to the linger time for more. */
    private void gather(List<Pending> batch) throws InterruptedException {
        queue.drainTo(batch, maxBatch - batch.size());
        long deadline = System.nanoTime() + lingerMicros * 1_000;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        try {
            Set<Key> stored =
                    store.storeAndCommit(batch.stream().map(Pending::candidate).toList());
            for (Pending p : batch) {
                boolean isNew = stored.remove(p.candidate().key());
                SubmissionResult.Status status = !isNew
                        ? SubmissionResult.Status.DUPLICATE
                        : p.candidate().quarantined()
                                ? SubmissionResult.Status.QUARANTINED
                                : SubmissionResult.Status.ACCEPTED;
                p.ack().complete(new SubmissionResult(p.candidate().event().eventId(), status));
            }
            relay.wake();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "A batch of " + batch.size() + " events was not stored; senders will retry", e);
            batch.forEach(p ->
                    p.ack().completeExceptionally(new IngestUnavailableException("Storing failed: " + e.getMessage())));
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        for (Thread t : running) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        queue.forEach(p -> p.ack().completeExceptionally(new IngestUnavailableException("Attune is shutting down")));
    }
}
