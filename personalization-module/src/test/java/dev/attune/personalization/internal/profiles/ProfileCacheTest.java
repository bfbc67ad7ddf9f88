package dev.attune.personalization.internal.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProfileCacheTest {
    private static final UUID SITE = UUID.randomUUID();

    /** Evictions run on the calling thread, at cleanUp: deterministic. */
    private final ProfileCache cache = new ProfileCache(2, Duration.ofHours(1), Runnable::run);

    private final AtomicInteger loads = new AtomicInteger();

    private ProfileState load(String key) {
        loads.incrementAndGet();
        return new ProfileState(SITE, key, 14);
    }

    private final Set<String> seen = new HashSet<>();

    /** Profiles into a cache of two until one is let go; returns its key (the one stashed). */
    private String overfill(List<String> keys) {
        for (String key : keys) {
            seen.add(key);
            cache.get(key, this::load);
            cache.cleanUp();
        }
        assertThat(cache.inMemory()).hasSize(2);
        List<String> stashed = seen.stream()
                .filter(k -> cache.toWrite(k) != null && cache.toWrite(k).stashed())
                .toList();
        assertThat(stashed).hasSize(1);
        return stashed.get(0);
    }

    @Test
    void a_profile_the_cache_lets_go_is_read_back_from_the_stash_not_reloaded() {
        ProfileState a = cache.get("a", this::load);
        String gone = overfill(List.of("a", "b", "c"));
        ProfileState evicted = gone.equals("a") ? a : null;
        assertThat(cache.stashed()).isEqualTo(1);
        int before = loads.get();

        ProfileState back = cache.get(gone, this::load);

        assertThat(loads.get())
                .as("not read from the database, whose row may be older")
                .isEqualTo(before);
        if (evicted != null) {
            assertThat(back).isSameAs(evicted);
        }
        assertThat(cache.get(gone)).isSameAs(back);
    }

    @Test
    void a_flush_writes_a_stashed_profile_and_only_then_it_leaves_the_stash() {
        String gone = overfill(List.of("a", "b", "c"));
        Set<String> dirty = new HashSet<>(Set.of(gone));
        long flush = cache.beginFlush();

        ProfileCache.Held held = cache.toWrite(gone);

        assertThat(held).isNotNull();
        assertThat(held.stashed()).isTrue();
        assertThat(cache.stashed())
                .as("still what a read finds while it is being written")
                .isEqualTo(1);
        dirty.remove(gone);
        Map<String, ProfileState> written = new HashMap<>(Map.of(gone, held.state()));
        cache.endFlush(flush, written, dirty::contains);
        assertThat(cache.stashed()).isZero();
        int before = loads.get();
        cache.get(gone, this::load);
        assertThat(loads.get()).as("written: now the database row is current").isEqualTo(before + 1);
    }

    @Test
    void a_clean_stashed_profile_goes_after_two_flushes_and_a_forgotten_one_at_once() {
        String gone = overfill(List.of("a", "b", "c"));
        cache.endFlush(cache.beginFlush(), Map.of(), k -> false);
        assertThat(cache.stashed())
                .as("a change in flight may still mark it dirty")
                .isEqualTo(1);
        cache.endFlush(cache.beginFlush(), Map.of(), k -> false);
        cache.endFlush(cache.beginFlush(), Map.of(), k -> false);
        assertThat(cache.stashed()).isZero();

        String next = overfill(List.of("d"));
        assertThat(cache.stashed()).isEqualTo(1);
        cache.forget(next);
        assertThat(cache.stashed()).isZero();
        assertThat(cache.toWrite(next)).isNull();
    }

    @Test
    void a_dirty_stashed_profile_stays_until_written() {
        String gone = overfill(List.of("a", "b", "c"));
        for (int i = 0; i < 5; i++) {
            cache.endFlush(cache.beginFlush(), Map.of(), gone::equals);
        }
        assertThat(cache.toWrite(gone)).isNotNull();
        assertThat(cache.toWrite(gone).stashed()).isTrue();
    }
}
