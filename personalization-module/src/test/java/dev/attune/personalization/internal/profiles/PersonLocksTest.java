package dev.attune.personalization.internal.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PersonLocksTest {
    private final PersonLocks locks = new PersonLocks();
    private final ExecutorService other = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    @Test
    void locksEveryKeyInKeyOrderAndReleasesThem() {
        assertThat(locks.lockAll(List.of("s|b", "s|a", "s|b"))).containsExactly("s|a", "s|b");
        assertThat(locks.isLocked("s|a")).isTrue();
        locks.unlockAll(List.of("s|a", "s|b"));
        assertThat(locks.isLocked("s|a")).isFalse();
        assertThat(locks.isLocked("s|b")).isFalse();
    }

    @Test
    void theHolderMayLockAgainAndHoldsUntilItsLastRelease() throws Exception {
        locks.lock("s|a");
        locks.lock("s|a");
        assertThat(locks.tryLock("s|a")).isTrue();
        locks.unlock("s|a");
        locks.unlock("s|a");
        assertThat(other.submit(() -> locks.tryLock("s|a")).get()).isFalse();
        locks.unlock("s|a");
        assertThat(other.submit(() -> locks.tryLock("s|a")).get()).isTrue();
    }

    @Test
    void anotherThreadWaitsForTheReleaseWhileOtherPersonsGoOn() throws Exception {
        locks.lockAll(List.of("s|a", "s|b"));
        Future<?> waiting = other.submit(() -> {
            locks.lock("s|b");
            locks.unlock("s|b");
        });
        Future<Boolean> someoneElse = other.submit(() -> {
            boolean got = locks.tryLock("s|c");
            locks.unlock("s|c");
            return got;
        });
        assertThat(someoneElse.get(5, TimeUnit.SECONDS)).isTrue();
        try {
            waiting.get(200, TimeUnit.MILLISECONDS);
            throw new AssertionError("took a person another thread holds");
        } catch (TimeoutException expected) {
            // still held
        }
        locks.unlockAll(List.of("s|a", "s|b"));
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(locks.isLocked("s|b")).isFalse();
    }

    @Test
    void batchesLockingOverlappingPersonsInAnyOrderNeverDeadlock() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Runnable batches = () -> {
            try {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                    List<String> held =
                            locks.lockAll(i % 2 == 0 ? List.of("s|x", "s|y", "s|z") : List.of("s|z", "s|y", "s|x"));
                    locks.unlockAll(held);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CompletableFuture<Void> a = CompletableFuture.runAsync(batches, other);
        CompletableFuture<Void> b = CompletableFuture.runAsync(batches, other);
        start.countDown();
        CompletableFuture.allOf(a, b).get(30, TimeUnit.SECONDS);
        assertThat(locks.isLocked("s|x") || locks.isLocked("s|y") || locks.isLocked("s|z"))
                .isFalse();
    }
}
