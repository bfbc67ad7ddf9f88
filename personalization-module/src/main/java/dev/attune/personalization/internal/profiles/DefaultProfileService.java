package dev.attune.personalization.internal.profiles;

import static dev.attune.platform.api.JsonSupport.JSON;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.attune.feedback.api.ConsentService;
import dev.attune.feedback.api.ConsentWithdrawn;
import dev.attune.feedback.api.FeedbackBatchReceived;
import dev.attune.feedback.api.FeedbackReceived;
import dev.attune.feedback.api.FeedbackService;
import dev.attune.feedback.api.Purpose;
import dev.attune.personalization.api.EventEnrichment;
import dev.attune.personalization.api.Profile;
import dev.attune.personalization.api.ProfileService;
import dev.attune.personalization.internal.enrichment.Contexts;
import dev.attune.personalization.internal.enrichment.Sentiment;
import dev.attune.personalization.internal.enrichment.UserAgents;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Enriches every announced event and updates its subject's live profile (with {@code personalization} consent):
 * profiles are served from memory, and both the enrichments (the events' lineage) and the changed profiles are
 * written in batches every {@value #FLUSH_MILLIS} ms (a profile that keeps changing at most once every
 * {@value #BUSY_PROFILE_MILLIS} ms: a heavy user's state is tens of kilobytes, rewritten whole). Everything here can
 * be recomputed from the stored events ({@link #rebuild}), so a crash loses at most what a rebuild restores.
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
    dev.attune.identity.api.IdentityService identity;

    @Inject
    dev.attune.personalization.internal.kpi.KpiRollups kpis;

    @Inject
    dev.attune.personalization.internal.monitors.Monitors monitors;

    @Inject
    @ConfigProperty(name = "attune.profiles.half-life-days", defaultValue = "14")
    double halfLifeDays;

    @Inject
    @ConfigProperty(name = "attune.profiles.cache-size", defaultValue = "100000")
    long cacheSize;

    /** Live profiles, bounded; what it lets go unwritten is written by the next flush (see ProfileCache). */
    private ProfileCache live;

    /** Page views per session so far (the session depth), per instance. */
    private final Cache<String, AtomicInteger> sessions = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(30)).build();
    private final Queue<EventEnrichment> pending = new ConcurrentLinkedQueue<>();
    private final PipelineLag lag = new PipelineLag();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /**
     * The batch's personalization consent, as its read-ahead found it, for its events' own announcements that follow at
     * once (one bulk look-up per batch instead of one per event). A withdrawal is announced after the batch, on the
     * same relay thread, and deletes what the batch derived.
     */
    private final Map<UUID, Boolean> consentOfBatch = new ConcurrentHashMap<>();
    private volatile ScheduledThreadPoolExecutor flusher;

    private ScheduledThreadPoolExecutor executor() {
        ScheduledThreadPoolExecutor e = flusher;
        if (e == null) {
            synchronized (this) {
                if (flusher == null) {
                    ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, dev.attune.personalization.internal.persistence.ManagedThreads.factory("attune-profiles"));
                    created.scheduleWithFixedDelay(() -> flushQuietly(false), FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                    flusher = created;
                }
                e = flusher;
            }
        }
        return e;
    }

    @PostConstruct
    void start() {
        live = new ProfileCache(Math.max(100, cacheSize), Duration.ofHours(1), java.util.concurrent.ForkJoinPool.commonPool());
    }

    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.shutdown();
            flushQuietly();
        }
    }

    /**
     * Before a batch's events arrive one by one: the profiles they will update that are not in memory, read with one
     * query per site instead of one per event (a subject without a stored profile starts empty, as it would on its
     * event). Only a shortcut: when it fails, each event reads its own profile.
     */
    void onBatch(@Observes(during = TransactionPhase.AFTER_SUCCESS) FeedbackBatchReceived batch) {
        consentOfBatch.clear();
        if (batch.events().size() < 2) {
            return;
        }
        try {
            java.util.function.Predicate<FeedbackReceived> allowed = dev.attune.personalization.internal.application.BatchConsent
                    .allowing(consent, batch.events(), Purpose.PERSONALIZATION);
            Map<UUID, Set<String>> missing = new HashMap<>();
            for (FeedbackReceived event : batch.events()) {
                boolean personalized = allowed.test(event);
                consentOfBatch.put(event.eventId(), personalized);
                if (personalized) {
                    String person = identity.personKey(event.siteId(), event.subjectId());
                    if (live.get(key(event.siteId(), person)) == null) {
                        missing.computeIfAbsent(event.siteId(), k -> new HashSet<>()).add(person);
                    }
                }
            }
            missing.forEach((siteId, persons) -> {
                Map<String, String> stored = store.profileStates(siteId, persons);
                for (String person : persons) {
                    live.putIfAbsent(key(siteId, person), state(siteId, person, stored.get(person)));
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Reading a batch's profiles ahead failed; each event reads its own", e);
        }
    }

    /** First among the observers of an announcement: profiles are what visitors see change (no other observer waits on it). */
    void onFeedback(@Observes(during = TransactionPhase.AFTER_SUCCESS) @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_BEFORE)
                    FeedbackReceived event) {
        executor();
        EventEnrichment derived;
        try {
            derived = enrich(event, true);
        } catch (RuntimeException | LinkageError e) {
            // never fail the announcement (it would be redelivered to every observer): keep what needs no parser
            LOG.log(Level.WARNING, "Enriching event " + event.eventId() + " failed; kept without derived fields", e);
            derived = new EventEnrichment(event.siteId(), event.eventId(), event.subjectId(), event.type(), event.occurredAt(), null, null,
                    null, null, null, null, null, null, null, null, List.of());
        }
        pending.add(derived);
        monitors.observe(event, derived);
        kpis.observe(event, derived);
        Boolean known = consentOfBatch.remove(event.eventId());
        if (event.subjectId() == null || !(known != null ? known : allowed(event.siteId(), event.subjectId()))) {
            return;
        }
        String person = identity.personKey(event.siteId(), event.subjectId());
        String key = key(event.siteId(), person);
        ProfileState state = live.get(key, k -> load(event.siteId(), person));
        List<DefaultSegmentService.Change> changes;
        Set<String> inSegments;
        synchronized (state) {
            state.apply(event, derived, ProfileState.attributes(event.propertiesJson()));
            changes = segments.evaluate(event.siteId(), state, java.time.Instant.now());
            inSegments = Set.copyOf(state.segments());
        }
        kpis.observeSegments(event, derived, inSegments);
        dirty.add(key);
        segments.apply(changes);
        lag.record(java.time.Duration.between(event.receivedAt(), java.time.Instant.now()).toNanos() / 1000);
    }

    /** Commit-to-profile lags of the latest events. */
    public PipelineLag lag() {
        return lag;
    }

    /** Re-evaluates a subject's segments at {@code now} (time passing can end a windowed membership). */
    void reevaluate(UUID siteId, String subject, java.time.Instant now) {
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
    public Optional<SegmentRule.Facts> facts(UUID siteId, String subject, java.time.Instant now) {
        ProfileState state = existing(siteId, subject);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            return Optional.of(new SegmentRule.Facts(state.toProfile(), state.recent(), java.util.Set.copyOf(state.segments()), now));
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
    public void forEachProfile(UUID siteId, int limit, java.util.function.Consumer<SegmentRule.Facts> each) {
        flushQuietly();
        java.time.Instant now = java.time.Instant.now();
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
                    facts = new SegmentRule.Facts(s.toProfile(), List.of(), java.util.Set.copyOf(s.segments()), now);
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
        return live.get(key, k -> store.profileState(siteId, subject)
                .map(json -> ProfileState.fromJson(siteId, subject, halfLifeDays, json)).orElse(null));
    }

    /** Consent withdrawn: the profile goes (personalization), and with analytics the enrichments too. */
    void onWithdrawal(@Observes ConsentWithdrawn withdrawn) {
        boolean analytics = withdrawn.purposes().contains(Purpose.ANALYTICS);
        if (analytics || withdrawn.purposes().contains(Purpose.PERSONALIZATION)) {
            // consent is per person: the person's profile goes, whichever of its subjects withdrew
            String person = identity.personKey(withdrawn.siteId(), withdrawn.subjectId());
            for (String subject : new java.util.LinkedHashSet<>(List.of(withdrawn.subjectId(), person))) {
                drop(withdrawn.siteId(), subject);
                segments.forget(withdrawn.siteId(), subject);
            }
        }
        if (analytics) {
            flushQuietly(); // pending enrichments of the subject are written, then deleted with the rest
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
    void onMerged(@Observes(during = TransactionPhase.AFTER_SUCCESS) dev.attune.identity.api.PersonsMerged m) {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        if (m.survivorKey() != null) {
            keys.add(m.survivorKey());
        }
        keys.addAll(m.absorbedSubjects());
        rekey(m.siteId(), keys);
    }

    /** A person fell apart: each part's profile is rebuilt from its own subjects' events. */
    void onSplit(@Observes(during = TransactionPhase.AFTER_SUCCESS) dev.attune.identity.api.PersonSplit s) {
        rekey(s.siteId(), s.keptSubjects());
        rekey(s.siteId(), s.splitSubjects());
    }

    private void rekey(UUID siteId, java.util.Set<String> subjects) {
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
            LOG.log(Level.WARNING, "Re-attributing profiles after an identity change failed for " + subjects.size() + " subjects", e);
        }
    }

    /** Drops from memory the site's profiles last seen before the cutoff (retention deletes their rows next). */
    void dropStale(UUID siteId, java.time.Instant cutoff) {
        flushQuietly();
        String prefix = siteId + "|";
        live.inMemory().entrySet().removeIf(e -> {
            if (!e.getKey().startsWith(prefix)) {
                return false;
            }
            synchronized (e.getValue()) {
                boolean stale = e.getValue().lastSeen() != null && e.getValue().lastSeen().isBefore(cutoff);
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
        return json == null ? new ProfileState(siteId, subject, halfLifeDays) : ProfileState.fromJson(siteId, subject, halfLifeDays, json);
    }

    private static String key(UUID siteId, String subject) {
        return siteId + "|" + subject;
    }

    /**
     * The profile's row and its state in memory go. Under the flush's lock, so a flush cannot write the state back
     * after the delete; the row first, then memory, so a read meanwhile cannot load the old row back into memory (a
     * load racing the delete is undone by the forget after it).
     */
    private synchronized void drop(UUID siteId, String subject) {
        store.deleteProfile(siteId, subject);
        forget(key(siteId, subject));
    }

    /** Out of memory, unwritten changes dropped (its row is deleted or rewritten by the caller). */
    private void forget(String key) {
        live.forget(key);
        dirty.remove(key);
    }

    /** What an event tells beyond itself; {@code live}: count it into its session's depth (not when rebuilding). */
    EventEnrichment enrich(FeedbackReceived e, boolean live) {
        JsonObject context = object(e.contextJson());
        UserAgents.Parsed agent = UserAgents.parse(string(context, "userAgent"));
        String device = agent.deviceClass() != null ? agent.deviceClass() : string(context, "device");
        Sentiment.Result sentiment = e.text() == null || e.text().isBlank() ? null : Sentiment.load().analyze(e.text(), string(context, "locale"));
        int[] local = Contexts.localTime(e.occurredAt(), string(context, "timeZone"));
        String url = string(context, "url");
        String referrer = string(context, "referrer");
        String session = string(context, "sessionId");
        Integer depth = null;
        if (session != null && live) {
            AtomicInteger views = sessions.get(e.siteId() + "|" + session, k -> new AtomicInteger());
            depth = "page_view".equals(e.type()) ? views.incrementAndGet() : views.get();
        }
        boolean english = sentiment != null && sentiment.label() != Sentiment.Label.UNKNOWN;
        return new EventEnrichment(e.siteId(), e.eventId(), e.subjectId(), e.type(), e.occurredAt(),
                sentiment == null ? null : sentiment.language(), sentiment == null ? null : sentiment.compound(),
                sentiment == null ? null : sentiment.label().name().toLowerCase(Locale.ROOT), device, agent.browser(), agent.os(),
                local == null ? null : local[0], local == null ? null : local[1],
                url == null && referrer == null ? null : Contexts.referrerClass(referrer, url), depth,
                english ? Contexts.keywords(e.text()) : List.of());
    }

    private static JsonObject object(String json) {
        if (json == null || json.isBlank()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try {
            return JSON.createReader(new StringReader(json)).readObject();
        } catch (RuntimeException ex) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static String string(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
    }

    private void flushQuietly() {
        flushQuietly(true);
    }

    /** {@code all}: also the profiles written less than {@value #BUSY_PROFILE_MILLIS} ms ago (else they wait). */
    private void flushQuietly(boolean all) {
        try {
            flush(all);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Writing enrichments and profiles failed; the next round retries what is still pending", e);
        }
    }

    synchronized void flush() throws java.sql.SQLException {
        flush(true);
    }

    private synchronized void flush(boolean all) throws java.sql.SQLException {
        List<EventEnrichment> batch = new ArrayList<>();
        for (EventEnrichment e = pending.poll(); e != null; e = pending.poll()) {
            batch.add(e);
            if (batch.size() == 2000) {
                store.saveEnrichments(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.saveEnrichments(batch);
        }
        List<JdbcProfiles.Row> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Map<String, ProfileState> writtenStashed = new HashMap<>();
        long now = System.nanoTime();
        long flush = live.beginFlush();
        for (String key : List.copyOf(dirty)) {
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
                if (!all && !held.stashed() && now - s.writtenAt() < TimeUnit.MILLISECONDS.toNanos(BUSY_PROFILE_MILLIS)) {
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
            } catch (java.sql.SQLException | RuntimeException e) {
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
        events.sort(java.util.Comparator.comparing(FeedbackReceived::occurredAt).thenComparing(FeedbackReceived::receivedAt));
        ProfileState state = new ProfileState(siteId, subject, halfLifeDays);
        for (FeedbackReceived e : events) {
            state.apply(e, enrich(e, false), ProfileState.attributes(e.propertiesJson()));
        }
        ProfileState before = live.get(key);
        if (before != null) {
            synchronized (before) {
                state.segments().addAll(before.segments());
            }
        }
        List<DefaultSegmentService.Change> changes;
        synchronized (state) {
            changes = segments.evaluate(siteId, state, java.time.Instant.now());
        }
        live.put(key, state);
        dirty.add(key);
        segments.apply(changes);
        return Optional.of(state.toProfile());
    }

    @Override
    public Optional<EventEnrichment> enrichment(UUID siteId, UUID eventId) {
        flushQuietly();
        return store.enrichment(siteId, eventId);
    }

    @Override
    public List<EventEnrichment> enrichments(UUID siteId, String subject, int limit) {
        flushQuietly();
        return store.enrichments(siteId, subject, Math.max(1, Math.min(limit, 1000)));
    }
}
