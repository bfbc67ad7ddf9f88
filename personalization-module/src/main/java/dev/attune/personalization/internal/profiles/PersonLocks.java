package dev.attune.personalization.internal.profiles;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Who is changing a person's profile: one pipeline batch, a flush or a rebuild at a time per person, while batches of
 * different persons run side by side. A batch locks all its persons at once, in key order, so two batches never wait
 * for each other in a circle. Reentrant for the thread that holds a key (a drop during a rebuild of the same person).
 */
final class PersonLocks {
    private static final Logger LOG = Logger.getLogger(PersonLocks.class.getName());

    private static final class Holder {
        final Thread owner = Thread.currentThread();
        /** Changed by the owner only (or by the thread ending the owner's transaction, after the owner is done). */
        volatile int count = 1;

        final CountDownLatch released = new CountDownLatch(1);
    }

    private final ConcurrentHashMap<String, Holder> held = new ConcurrentHashMap<>();

    /** Locks every key, in key order (waiting for their holders); answers the keys in the order they were locked. */
    List<String> lockAll(Collection<String> keys) {
        List<String> sorted = List.copyOf(new TreeSet<>(keys));
        for (String key : sorted) {
            lock(key);
        }
        return sorted;
    }

    void lock(String key) {
        long waitingSince = 0;
        while (true) {
            Holder mine = new Holder();
            Holder current = held.putIfAbsent(key, mine);
            if (current == null) {
                return;
            }
            if (current.owner == Thread.currentThread()) {
                current.count++;
                return;
            }
            try {
                if (!current.released.await(30, TimeUnit.SECONDS)) {
                    waitingSince = waitingSince == 0 ? System.nanoTime() - TimeUnit.SECONDS.toNanos(30) : waitingSince;
                    LOG.warning("Waiting " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waitingSince)
                            + " s for the profile of " + key + ", held by " + current.owner.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the profile of " + key, e);
            }
        }
    }

    /** Locks the key unless another thread holds it. */
    boolean tryLock(String key) {
        Holder mine = new Holder();
        Holder current = held.putIfAbsent(key, mine);
        if (current == null) {
            return true;
        }
        if (current.owner == Thread.currentThread()) {
            current.count++;
            return true;
        }
        return false;
    }

    /**
     * Releases one hold of each key. Not checked against the calling thread: a transaction may end (and its batch
     * release its persons) on a thread other than the one that ran it.
     */
    void unlockAll(Collection<String> keys) {
        for (String key : keys) {
            unlock(key);
        }
    }

    void unlock(String key) {
        Holder h = held.get(key);
        if (h == null) {
            throw new IllegalStateException("The profile of " + key + " is not locked");
        }
        if (--h.count == 0) {
            held.remove(key, h);
            h.released.countDown();
        }
    }

    /** Whether any thread holds the key (tests). */
    boolean isLocked(String key) {
        return held.containsKey(key);
    }
}
