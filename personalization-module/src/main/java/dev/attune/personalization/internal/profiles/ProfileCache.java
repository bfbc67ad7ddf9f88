package dev.attune.personalization.internal.profiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The live profiles in memory, bounded, keyed "site|person". A profile the cache lets go (size, idle time) may hold
 * changes not yet written, or be changed by an event that read it just before: it is stashed until a flush has written
 * it, and reads find it there, never the database's older row. Without this, a busy site with more visitors than the
 * cache holds lost the latest updates of whatever the cache evicted between two flushes.
 */
final class ProfileCache {
    /** A profile to write: {@code stashed} when it is out of the cache (written this round, however recently). */
    record Held(ProfileState state, boolean stashed) {}

    private record Stashed(ProfileState state, long flush) {}

    private final Map<String, Stashed> evicted = new ConcurrentHashMap<>();
    private volatile long flushes;
    private final Cache<String, ProfileState> live;

    ProfileCache(long maximumSize, Duration idle, Executor maintenance) {
        live = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterAccess(idle)
                .executor(maintenance)
                .evictionListener((String key, ProfileState state, RemovalCause cause) -> {
                    if (key != null && state != null) {
                        evicted.put(key, new Stashed(state, flushes));
                    }
                })
                .build();
    }

    /** The profile in memory (back from the stash if the cache let it go); null when not in memory. */
    ProfileState get(String key) {
        ProfileState s = live.getIfPresent(key);
        if (s == null && !evicted.isEmpty()) {
            s = live.asMap().computeIfAbsent(key, k -> {
                Stashed stashed = evicted.remove(k);
                return stashed == null ? null : stashed.state();
            });
        }
        return s;
    }

    /** The profile in memory, from the stash, or else loaded (and kept in memory). */
    ProfileState get(String key, Function<String, ProfileState> load) {
        return live.get(key, k -> {
            Stashed stashed = evicted.remove(k);
            return stashed != null ? stashed.state() : load.apply(k);
        });
    }

    /** Unless in memory (or stashed) already. */
    void putIfAbsent(String key, ProfileState state) {
        get(key, k -> state);
    }

    /** Replaces what is in memory (and any stashed copy). */
    void put(String key, ProfileState state) {
        evicted.remove(key);
        live.put(key, state);
    }

    /** Out of memory, unwritten changes dropped (the caller deletes or rewrites its row). */
    void forget(String key) {
        live.invalidate(key);
        evicted.remove(key);
    }

    /** Every profile in memory, for a sweep (removing through it drops from the cache, not the stash). */
    ConcurrentMap<String, ProfileState> inMemory() {
        return live.asMap();
    }

    /** A flush begins: its number. */
    long beginFlush() {
        return ++flushes;
    }

    /** What a flush writes for the key: in memory or stashed; null when neither (forgotten). */
    Held toWrite(String key) {
        ProfileState s = live.getIfPresent(key);
        if (s != null) {
            return new Held(s, false);
        }
        Stashed stashed = evicted.get(key); // leaves the stash once written: until then it is what a read finds
        return stashed == null ? null : new Held(stashed.state(), true);
    }

    /**
     * The flush wrote these stashed profiles: they leave the stash (unless read back meanwhile). A stashed profile
     * that was clean, and stayed so since the flush before, goes too: its row is current.
     */
    void endFlush(long flush, Map<String, ProfileState> writtenStashed, Predicate<String> dirty) {
        writtenStashed.forEach((key, state) -> evicted.computeIfPresent(key, (k, s) -> s.state() == state ? null : s));
        evicted.entrySet().removeIf(e -> e.getValue().flush() < flush - 1 && !dirty.test(e.getKey()));
    }

    /** Profiles out of the cache and not yet written or dropped (for tests and metrics). */
    int stashed() {
        return evicted.size();
    }

    /** Runs pending evictions now (tests). */
    void cleanUp() {
        live.cleanUp();
    }
}
