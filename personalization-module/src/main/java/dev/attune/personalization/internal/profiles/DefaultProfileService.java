package dev.attune.personalization.internal.profiles;

import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.Purpose;
import dev.attune.identity.api.IdentityService;
import dev.attune.identity.api.PersonSplit;
import dev.attune.identity.api.PersonsMerged;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.ProfileService;
import dev.attune.personalization.internal.enrichment.Enricher;
import dev.attune.personalization.internal.persistence.ManagedThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live profiles, served from memory. The feedback pipeline applies a batch's events with {@link #apply}: in
 * memory, and the touched profiles written in the pipeline's transaction, so they commit with the record that the
 * events were applied (a failed batch's profiles are dropped from memory and read again). Changes made outside the
 * pipeline (re-evaluated segments, rebuilds after identity changes) are written in batches every
 * {@value #FLUSH_MILLIS} ms (a profile that keeps changing at most once every {@value #BUSY_PROFILE_MILLIS} ms); they
 * can be recomputed from the stored events ({@link #rebuild}). A lock per person orders the pipeline's batches, the
 * flushes, the rebuilds and the drops of that person, so none of them writes a state another has half-applied, while
 * batches of different persons (the relay's workers) run side by side.
 */
@ApplicationScoped
public class DefaultProfileService implements ProfileService {
    private static final Logger LOG = Logger.getLogger(DefaultProfileService.class.getName());
    static final long FLUSH_MILLIS = 200;
    static final long BUSY_PROFILE_MILLIS = 1000;

    @Inject
    JdbcProfiles store;

    @Inject
    ConsentService consent;

    @Inject
    FeedbackService feedback;

    @Inject
    DefaultSegmentService segments;

    @Inject
    IdentityService identity;

    @Inject
    Enricher enricher;

    @Inject
    @ConfigProperty(name = "attune.profiles.half-life-days", defaultValue = "14")
    double halfLifeDays;

    @Inject
    @ConfigProperty(name = "attune.profiles.cache-size", defaultValue = "100000")
    long cacheSize;

    /** Live profiles, bounded; what it lets go unwritten is written by the next flush (see ProfileCache). */
    private ProfileCache live;

    private final PipelineLag lag = new PipelineLag();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** Held by a pipeline batch for its persons from its profile stage to the end of its transaction, by flushes, rebuilds and drops. */
    private final PersonLocks writes = new PersonLocks();

    private volatile ScheduledThreadPoolExecutor flusher;

    private ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor e = flusher;
        if (e == null) {
            synchronized (this) {
                if (flusher == null) {
                    ScheduledThreadPoolExecutor created =
                            new ScheduledThreadPoolExecutor(1, ManagedThreads.factory("attune-profiles"));
                    created.scheduleWithFixedDelay(
                            () -> flushQuietly(false), FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                    flusher = created;
                }
                e = flusher;
            }
        }
        return e;
    }

    @PostConstruct
    void start() {
        live = new ProfileCache(Math.max(100, cacheSize), Duration.ofHours(1), ForkJoinPool.commonPool());
    }

    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.shutdown();
            flushQuietly();
        }
    }

    /** A batch's profile changes: applied in memory and written; {@link #commit} or {@link #rollback} when its transaction ends. */
    public final class Applied {
        private final Map<String, ProfileState> touched = new HashMap<>();
        private final Map<UUID, Set<String>> segmentsOf = new HashMap<>();
        private final List<Instant> received = new ArrayList<>();
        private List<String> locked = List.of();

        /** The segments of the event's person after it, or null when it has no profile (no personalization consent). */
        public Set<String> segmentsAfter(UUID eventId) {
            return segmentsOf.get(eventId);
        }

        /** Committed: memory holds what was written (whatever a read loaded meanwhile from the older row). */
        public void commit() {
            try {
                touched.forEach(live::put);
                Instant now = Instant.now();
                for (Instant at : received) {
                    lag.record(Duration.between(at, now).toNanos() / 1000);
                }
            } finally {
                writes.unlockAll(locked);
            }
        }

        /** Rolled back: memory forgets what it applied, the next read takes the committed row. */
        public void rollback() {
            try {
                touched.keySet().forEach(DefaultProfileService.this::forget);
            } finally {
                writes.unlockAll(locked);
            }
        }
    }

    /**
     * Applies the batch's events of subjects who allow personalization to their persons' profiles and segments, and
     * writes the touched profiles and the segment changes in the caller's transaction. Holds the locks of the batch's
     * persons until the returned batch is committed or rolled back (released here when this fails).
     */
    public Applied apply(
            List<FeedbackReceived> events, List<EventEnrichment> derived, Predicate<FeedbackReceived> personalized)
            throws SQLException {
        executor();
        Applied applied = new Applied();
        Map<String, String> persons = readAhead(events, personalized);
        applied.locked = writes.lockAll(persons.values());
        try {
            List<DefaultSegmentService.Change> changes = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < events.size(); i++) {
                FeedbackReceived event = events.get(i);
                String key = persons.get(event.siteId() + "|" + event.subjectId());
                if (key == null) {
                    continue;
                }
                ProfileState state = applied.touched.computeIfAbsent(
                        key, k -> live.get(k, kk -> load(event.siteId(), kk.substring(kk.indexOf('|') + 1))));
                synchronized (state) {
                    state.apply(event, derived.get(i), ProfileState.attributes(event.propertiesJson()));
                    changes.addAll(segments.evaluate(event.siteId(), state, now));
                    applied.segmentsOf.put(event.eventId(), Set.copyOf(state.segments()));
                }
                applied.received.add(event.receivedAt());
            }
            List<JdbcProfiles.Row> rows = new ArrayList<>();
            for (ProfileState s : applied.touched.values()) {
                synchronized (s) {
                    s.writtenAt(System.nanoTime());
                    rows.add(new JdbcProfiles.Row(s.siteId(), s.subject(), s.toJson(), s.events(), s.lastSeen()));
                }
            }
            if (!rows.isEmpty()) {
                store.saveProfiles(rows);
            }
            dirty.removeAll(applied.touched.keySet()); // written now, with whatever else changed them
            segments.apply(changes);
            return applied;
        } catch (SQLException | RuntimeException | Error e) {
            applied.rollback();
            throw e;
        }
    }

    /**
     * The key of each personalized event's person ("site|subject" to "site|person"), with the profiles not in memory
     * read with one query per site instead of one per event (a person without a stored profile starts empty).
     */
    private Map<String, String> readAhead(List<FeedbackReceived> events, Predicate<FeedbackReceived> personalized) {
        Map<String, String> keys = new HashMap<>();
        Map<UUID, Set<String>> missing = new HashMap<>();
        for (FeedbackReceived event : events) {
            if (event.subjectId() == null
                    || keys.containsKey(event.siteId() + "|" + event.subjectId())
                    || !personalized.test(event)) {
                continue;
            }
            String person = identity.personKey(event.siteId(), event.subjectId());
            String key = key(event.siteId(), person);
            keys.put(event.siteId() + "|" + event.subjectId(), key);
            if (live.get(key) == null) {
                missing.computeIfAbsent(event.siteId(), k -> new HashSet<>()).add(person);
            }
        }
        missing.forEach((siteId, ids) -> {
            Map<String, String> stored = store.profileStates(siteId, ids);
            for (String person : ids) {
                live.putIfAbsent(key(siteId, person), state(siteId, person, stored.get(person)));
            }
        });
        return keys;
    }

    /** Commit-to-profile lags of the latest events. */
    public PipelineLag lag() {
        return lag;
    }

    /** Re-evaluates a subject's segments at {@code now} (time passing can end a windowed membership). */
    void reevaluate(UUID siteId, String subject, Instant now) {
        ProfileState state = existing(siteId, subject);
        if (state == null) {
            return;
        }
        List<DefaultSegmentService.Change> changes;
        synchronized (state) {
            changes = segments.evaluate(siteId, state, now);
        }
        if (!changes.isEmpty()) {
            dirty.add(key(siteId, subject));
            segments.apply(changes);
        }
    }

    /** The facts a segment rule (or a rule) looks at for a subject, when it has a profile: a snapshot. */
    public Optional<SegmentRule.Facts> facts(UUID siteId, String subject, Instant now) {
        ProfileState state = existing(siteId, subject);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return Optional.of(
                    new SegmentRule.Facts(state.toProfile(), state.recent(), Set.copyOf(state.segments()), now));
        }
    }

    /** A deactivated segment's key leaves the profile. */
    void dropSegment(UUID siteId, String subject, String segment) {
        ProfileState state = existing(siteId, subject);
        if (state != null) {
            synchronized (state) {
                state.segments().remove(segment);
            }
            dirty.add(key(siteId, subject));
        }
    }

    /**
     * Every profile of the site (at most {@code limit}), read page by page, each as the facts a rule sees (the live state
     * where it is in memory): what the recommenders learn from.
     */
    public void forEachProfile(UUID siteId, int limit, Consumer<SegmentRule.Facts> each) {
        flushQuietly();
        Instant now = Instant.now();
        String after = null;
        int seen = 0;
        while (seen < limit) {
            List<String[]> page = store.page(siteId, after, Math.min(2000, limit - seen));
            if (page.isEmpty()) {
                return;
            }
            for (String[] row : page) {
                ProfileState s = live.get(key(siteId, row[0]));
                if (s == null) {
                    s = ProfileState.fromJson(siteId, row[0], halfLifeDays, row[1]);
                }
                SegmentRule.Facts facts;
                synchronized (s) {
                    facts = new SegmentRule.Facts(s.toProfile(), List.of(), Set.copyOf(s.segments()), now);
                }
                each.accept(facts);
            }
            seen += page.size();
            after = page.get(page.size() - 1)[0];
        }
    }

    /** The site's most recently seen subjects with a profile. */
    public List<String> subjects(UUID siteId, int limit) {
        flushQuietly();
        return store.recent(siteId, limit).stream().map(row -> row[0]).toList();
    }

    /** The subject's state from memory or the database; null without a profile. */
    private ProfileState existing(UUID siteId, String anySubject) {
        String subject = identity.personKey(siteId, anySubject);
        String key = key(siteId, subject);
        // null without a stored profile (nothing is kept in memory then)
        return live.get(
                key,
                k -> store.profileState(siteId, subject)
                        .map(json -> ProfileState.fromJson(siteId, subject, halfLifeDays, json))
                        .orElse(null));
    }

    /** Consent withdrawn: the profile goes (personalization), and with analytics the enrichments too. */
    void onWithdrawal(@Observes ConsentWithdrawn withdrawn) {
        boolean analytics = withdrawn.purposes().contains(Purpose.ANALYTICS);
        if (analytics || withdrawn.purposes().contains(Purpose.PERSONALIZATION)) {
            // consent is per person: the person's profile goes, whichever of its subjects withdrew
            String person = identity.personKey(withdrawn.siteId(), withdrawn.subjectId());
            for (String subject : new LinkedHashSet<>(List.of(withdrawn.subjectId(), person))) {
                drop(withdrawn.siteId(), subject);
                segments.forget(withdrawn.siteId(), subject);
            }
        }
        if (analytics) {
            store.deleteEnrichments(withdrawn.siteId(), withdrawn.subjectId());
        }
    }

    /** Consent is per person: the ledger answers with the strictest choice among the person's subjects. */
    private boolean allowed(UUID siteId, String subject) {
        return consent.current(siteId, subject).allows(Purpose.PERSONALIZATION);
    }

    /**
     * Two persons became one: the profile is rebuilt from all their subjects' events under the person's key; profiles under
     * keys that are no longer the person's go (only the survivor's key and the absorbed subjects can hold one).
     */
    void onMerged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PersonsMerged m) {
        Set<String> keys = new LinkedHashSet<>();
        if (m.survivorKey() != null) {
            keys.add(m.survivorKey());
        }
        keys.addAll(m.absorbedSubjects());
        rekey(m.siteId(), keys);
    }

    /** A person fell apart: each part's profile is rebuilt from its own subjects' events. */
    void onSplit(@Observes(during = TransactionPhase.AFTER_SUCCESS) PersonSplit s) {
        rekey(s.siteId(), s.keptSubjects());
        rekey(s.siteId(), s.splitSubjects());
    }

    private void rekey(UUID siteId, Set<String> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        try {
            flushQuietly();
            String person = identity.personKey(siteId, subjects.iterator().next());
            for (String s : subjects) {
                if (!s.equals(person)) {
                    drop(siteId, s);
                    segments.forget(siteId, s);
                }
            }
            rebuild(siteId, person);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Re-attributing profiles after an identity change failed for " + subjects.size() + " subjects",
                    e);
        }
    }

    /** Drops from memory the site's profiles last seen before the cutoff (retention deletes their rows next). */
    void dropStale(UUID siteId, Instant cutoff) {
        flushQuietly();
        String prefix = siteId + "|";
        live.inMemory().entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(prefix)) {
                return false;
            }
            synchronized (e.getValue()) {
                boolean stale = e.getValue().lastSeen() != null
                        && e.getValue().lastSeen().isBefore(cutoff);
                if (stale) {
                    dirty.remove(e.getKey());
                }
                return stale;
            }
        });
    }

    private ProfileState load(UUID siteId, String subject) {
        return state(siteId, subject, store.profileState(siteId, subject).orElse(null));
    }

    /** The working state from its stored JSON; a new, empty one without (null). */
    private ProfileState state(UUID siteId, String subject, String json) {
        return json == null
                ? new ProfileState(siteId, subject, halfLifeDays)
                : ProfileState.fromJson(siteId, subject, halfLifeDays, json);
    }

    private static String key(UUID siteId, String subject) {
        return siteId + "|" + subject;
    }

    /**
     * The profile's row and its state in memory go. Under the flush's lock, so a flush cannot write the state back
     * after the delete; the row first, then memory, so a read meanwhile cannot load the old row back into memory (a
     * load racing the delete is undone by the forget after it).
     */
    private void drop(UUID siteId, String subject) {
        String key = key(siteId, subject);
        writes.lock(key);
        try {
            store.deleteProfile(siteId, subject);
            forget(key);
        } finally {
            writes.unlock(key);
        }
    }

    /** Out of memory, unwritten changes dropped (its row is deleted or rewritten by the caller). */
    private void forget(String key) {
        live.forget(key);
        dirty.remove(key);
    }

    private void flushQuietly() {
        flushQuietly(true);
    }

    /** {@code all}: also the profiles written less than {@value #BUSY_PROFILE_MILLIS} ms ago (else they wait). */
    private void flushQuietly(boolean all) {
        try {
            flush(all);
        } catch (Exception e) {
            LOG.log(
                    Level.WARNING,
                    "Writing enrichments and profiles failed; the next round retries what is still pending",
                    e);
        }
    }

    void flush() throws SQLException {
        flush(true);
    }

    private synchronized void flush(boolean all) throws SQLException {
        // the profiles a batch holds are skipped (they stay dirty): the batch writes them, or a later round does
        List<String> locked = new ArrayList<>();
        try {
            for (String key : List.copyOf(dirty)) {
                if (writes.tryLock(key)) {
                    locked.add(key);
                }
            }
            flushLocked(all, locked);
        } finally {
            writes.unlockAll(locked);
        }
    }

    private void flushLocked(boolean all, List<String> lockedDirty) throws SQLException {
        List<JdbcProfiles.Row> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Map<String, ProfileState> writtenStashed = new HashMap<>();
        long now = System.nanoTime();
        long flush = live.beginFlush();
        for (String key : lockedDirty) {
            ProfileCache.Held held = live.toWrite(key);
            if (held == null) {
                dirty.remove(key);
                continue; // forgotten (consent withdrawn) since it changed
            }
            ProfileState s = held.state();
            if (held.stashed()) {
                writtenStashed.put(key, s);
            }
            synchronized (s) {
                if (!all
                        && !held.stashed()
                        && now - s.writtenAt() < TimeUnit.MILLISECONDS.toNanos(BUSY_PROFILE_MILLIS)) {
                    continue; // stays dirty: written with a later round
                }
                dirty.remove(key);
                s.writtenAt(now);
                keys.add(key);
                rows.add(new JdbcProfiles.Row(s.siteId(), s.subject(), s.toJson(), s.events(), s.lastSeen()));
            }
        }
        if (!rows.isEmpty()) {
            try {
                store.saveProfiles(rows);
            } catch (SQLException | RuntimeException e) {
                dirty.addAll(keys); // written with the next round
                throw e;
            }
        }
        live.endFlush(flush, writtenStashed, dirty::contains);
    }

    @Override
    public Optional<Profile> find(UUID siteId, String anySubject) {
        ProfileState s = existing(siteId, anySubject);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            return Optional.of(s.toProfile());
        }
    }

    @Override
    public List<Profile> recent(UUID siteId, int limit) {
        flushQuietly();
        List<Profile> profiles = new ArrayList<>();
        for (String[] row : store.recent(siteId, Math.max(1, Math.min(limit, 500)))) {
            ProfileState s = live.get(key(siteId, row[0]));
            if (s == null) {
                s = ProfileState.fromJson(siteId, row[0], halfLifeDays, row[1]);
            }
            synchronized (s) {
                profiles.add(s.toProfile());
            }
        }
        return profiles;
    }

    @Override
    public Optional<Profile> rebuild(UUID siteId, String anySubject) {
        // after any batch in progress for the person: the history read here holds its events, memory gets the result
        String key = key(siteId, identity.personKey(siteId, anySubject));
        writes.lock(key);
        try {
            return rebuildLocked(siteId, anySubject);
        } finally {
            writes.unlock(key);
        }
    }

    /** The events' lineage: one row per event, in the caller's (the pipeline's) transaction. */
    public void recordEnrichments(List<EventEnrichment> enrichments) throws SQLException {
        store.saveEnrichments(enrichments);
    }

    private Optional<Profile> rebuildLocked(UUID siteId, String anySubject) {
        String subject = identity.personKey(siteId, anySubject);
        String key = key(siteId, subject);
        if (!allowed(siteId, subject)) {
            drop(siteId, subject);
            return Optional.empty();
        }
        List<FeedbackReceived> events = new ArrayList<>();
        for (String linked : identity.linkedSubjects(siteId, subject)) {
            events.addAll(feedback.history(siteId, linked, 100_000));
        }
        if (events.isEmpty()) {
            drop(siteId, subject);
            return Optional.empty();
        }
        // one person's events from several subjects, in the order history gives one subject's: occurrence, then arrival
        events.sort(Comparator.comparing(FeedbackReceived::occurredAt).thenComparing(FeedbackReceived::receivedAt));
        ProfileState state = new ProfileState(siteId, subject, halfLifeDays);
        for (FeedbackReceived e : events) {
            state.apply(e, enricher.enrich(e), ProfileState.attributes(e.propertiesJson()));
        }
        ProfileState before = live.get(key);
        if (before != null) {
            synchronized (before) {
                state.segments().addAll(before.segments());
            }
        }
        List<DefaultSegmentService.Change> changes;
        synchronized (state) {
            changes = segments.evaluate(siteId, state, Instant.now());
        }
        live.put(key, state);
        dirty.add(key);
        segments.apply(changes);
        return Optional.of(state.toProfile());
    }

    @Override
    public Optional<EventEnrichment> enrichment(UUID siteId, UUID eventId) {
        return store.enrichment(siteId, eventId);
    }

    @Override
    public List<EventEnrichment> enrichments(UUID siteId, String subject, int limit) {
        return store.enrichments(siteId, subject, Math.max(1, Math.min(limit, 1000)));
    }
}
