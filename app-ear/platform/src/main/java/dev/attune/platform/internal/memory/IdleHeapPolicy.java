package dev.attune.platform.internal.memory;

/**
 * When to collect so the heap a burst grew goes back to the system: once no collection has run for the idle time (the
 * server is quiet), and only if the heap grew since the last such collection (by a quarter). A quiet server is thus
 * collected once, not again and again for nothing; the next burst that grows the heap earns the next one.
 */
final class IdleHeapPolicy {
    private static final double GROWTH = 1.25;

    private final long idleNanos;
    private long collections = -1;
    private long since;
    private long committedAfterLast;

    IdleHeapPolicy(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    /** At each check: the collections run so far (all collectors), and the heap committed now. */
    boolean due(long now, long collectionsSoFar, long committed) {
        if (collectionsSoFar != collections) {
            collections = collectionsSoFar;
            since = now;
            return false;
        }
        return now - since >= idleNanos && (committedAfterLast == 0 || committed > committedAfterLast * GROWTH);
    }

    /** The collection ran: what it left. */
    void collected(long now, long collectionsSoFar, long committed) {
        collections = collectionsSoFar;
        since = now;
        committedAfterLast = committed;
    }
}
